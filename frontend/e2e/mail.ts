// The mail the server sent, read from the files it writes without SMTP (see `mailDir`): one RFC 822
// message per `.eml` file, a plain-text body that is quoted-printable as soon as it holds more than
// ASCII (so a long link is broken over lines with `=`), or base64.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mailDir } from './env.ts'

export interface Mail {
  file: string
  to: string
  body: string
}

/** A body's text, decoded from its Content-Transfer-Encoding. */
function decodeBody(raw: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable': {
      // Soft line breaks join lines; `=XX` are bytes of UTF-8.
      const joined = raw.replace(/=\r?\n/g, '')
      const bytes: number[] = []
      for (let i = 0; i < joined.length; i += 1) {
        const hex = joined.slice(i + 1, i + 3)
        if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16))
          i += 2
        } else {
          bytes.push(...Buffer.from(joined[i], 'utf8'))
        }
      }
      return Buffer.from(bytes).toString('utf8')
    }
    case 'base64':
      return Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
    default:
      return raw
  }
}

/** One message: its recipient and decoded body (the headers' folded lines unfolded). */
function parse(file: string, text: string): Mail {
  const split = text.search(/\r?\n\r?\n/)
  const head = text.slice(0, split).replace(/\r?\n[ \t]+/g, ' ')
  const body = text.slice(split).replace(/^\r?\n\r?\n/, '')
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1].trim() ?? ''
  const to = header('To').replace(/^.*<([^>]+)>.*$/, '$1')
  return { file, to, body: decodeBody(body, header('Content-Transfer-Encoding')) }
}

/** Every mail in the folder now. */
export function readMail(): Mail[] {
  const dir = mailDir()
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => parse(name, readFileSync(join(dir, name), 'utf8')))
}

/**
 * The path of the link to `/{page}/{token}` in the mail to `to` (the server's PUBLIC_URL may not be
 * the address the tests reach it at, so only the path counts), once that mail is there: the mail
 * queue sends it shortly after the request that asked for it. Mails in `seen` (file names) do not
 * count, so that a second link of the same kind is told from the first.
 */
export async function linkInMail(to: string, page: 'password-reset' | 'verify-email', seen = new Set<string>()): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s/]+(/${page}/[A-Za-z0-9_-]+)`)
  const deadline = Date.now() + 15_000
  for (;;) {
    for (const mail of readMail()) {
      if (seen.has(mail.file) || mail.to.toLowerCase() !== to.toLowerCase()) continue
      const match = pattern.exec(mail.body)
      if (match) return match[1]
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with a /${page}/ link in ${mailDir()} after 15 s`)
    // The mail is written by a background job: look again shortly (a wait for it, not a retry).
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The file names of the mail to `to` so far. */
export function mailTo(to: string): Set<string> {
  return new Set(readMail().filter((mail) => mail.to.toLowerCase() === to.toLowerCase()).map((mail) => mail.file))
}
