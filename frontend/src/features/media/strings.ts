// Strings of the image picker (contributions, campaign covers) and of images shown.
import type { Translation } from '../../i18n/strings'

export const en = {
  picker: {
    choose: 'Add images',
    chooseOne: 'Choose an image',
    replace: 'Replace image',
    hint: 'PNG, JPEG, WebP or GIF. Up to {{max}} images; the first one is the thumbnail.',
    hintOne: 'PNG, JPEG, WebP or GIF.',
    hintSize: 'Each file up to {{limit}}.',
    count: '{{count}} of {{max}} images',
    none: 'No images yet.',
    uploading: 'Uploading {{name}}',
    uploaded: '{{name}} uploaded.',
    preview: '{{alt}}, image {{position}}',
    moveEarlier: 'Move image {{position}} earlier',
    moveLater: 'Move image {{position}} later',
    remove: 'Remove image {{position}}',
    waiting: 'Wait until the images are uploaded.',
    failed: '{{name}} was not added: {{message}}',
  },
  error: {
    tooLarge: 'the file is too large.',
    tooLargeLimit: 'the file is too large: at most {{limit}}.',
    tooLargeBy: 'it has {{size}}; at most {{limit}} are allowed.',
    notImage: 'it is not a PNG, JPEG, WebP or GIF image (or its content does not match its name).',
    damaged: 'the file is empty or damaged, or the image is wider or taller than 16384 pixels.',
    tooMany: 'at most {{max}} images.',
    signIn: 'please sign in again.',
  },
  image: {
    position: '{{title}}, image {{position}} of {{count}}',
    cover: 'Cover of {{title}}',
  },
}

export const de: Translation<typeof en> = {
  picker: {
    choose: 'Bilder hinzufügen',
    chooseOne: 'Bild auswählen',
    replace: 'Bild ersetzen',
    hint: 'PNG, JPEG, WebP oder GIF. Bis zu {{max}} Bilder; das erste ist das Vorschaubild.',
    hintOne: 'PNG, JPEG, WebP oder GIF.',
    hintSize: 'Jede Datei bis {{limit}}.',
    count: '{{count}} von {{max}} Bildern',
    none: 'Noch keine Bilder.',
    uploading: '{{name}} wird hochgeladen',
    uploaded: '{{name}} hochgeladen.',
    preview: '{{alt}}, Bild {{position}}',
    moveEarlier: 'Bild {{position}} nach vorne',
    moveLater: 'Bild {{position}} nach hinten',
    remove: 'Bild {{position}} entfernen',
    waiting: 'Warte, bis die Bilder hochgeladen sind.',
    failed: '{{name}} wurde nicht hinzugefügt: {{message}}',
  },
  error: {
    tooLarge: 'Die Datei ist zu groß.',
    tooLargeLimit: 'Die Datei ist zu groß: höchstens {{limit}}.',
    tooLargeBy: 'Sie hat {{size}}; erlaubt sind höchstens {{limit}}.',
    notImage: 'Das ist kein PNG-, JPEG-, WebP- oder GIF-Bild (oder der Inhalt passt nicht zum Namen).',
    damaged: 'Die Datei ist leer oder beschädigt, oder das Bild ist breiter oder höher als 16384 Pixel.',
    tooMany: 'höchstens {{max}} Bilder.',
    signIn: 'Bitte melde dich erneut an.',
  },
  image: {
    position: '{{title}}, Bild {{position}} von {{count}}',
    cover: 'Titelbild von {{title}}',
  },
}
