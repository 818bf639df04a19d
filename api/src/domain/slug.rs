//! Slugs made from titles: readable ASCII in any language. German umlauts and ß are written out
//! the German way (`Ideen für unser Café` → `ideen-fuer-unser-cafe`), everything else is
//! transliterated by `deunicode`, and what is neither letter nor digit (emoji too) separates
//! words.

/// The words of `title` as a lower-case, hyphenated slug of at most `max_len` bytes (whole
/// words where possible; never a trailing hyphen). May be empty.
pub fn from_title(title: &str, max_len: usize) -> String {
    let mut spelled = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            'ä' | 'Ä' => spelled.push_str("ae"),
            'ö' | 'Ö' => spelled.push_str("oe"),
            'ü' | 'Ü' => spelled.push_str("ue"),
            'ß' | 'ẞ' => spelled.push_str("ss"),
            // Symbols and emoji separate words (deunicode would spell them out: `:tada:`).
            other if !other.is_alphanumeric() => spelled.push(' '),
            other => spelled.push(other),
        }
    }
    let ascii = deunicode::deunicode(&spelled).to_lowercase();
    let mut slug = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let extra = usize::from(!slug.is_empty()) + word.len();
        if slug.len() + extra > max_len {
            if slug.is_empty() {
                slug.push_str(&word[..max_len]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::from_title;

    #[test]
    fn german_titles_are_written_out_the_german_way() {
        assert_eq!(from_title("Ideen für unser Café", 40), "ideen-fuer-unser-cafe");
        assert_eq!(
            from_title("Größer, Schöner, Äpfel!", 40),
            "groesser-schoener-aepfel"
        );
        assert_eq!(from_title("Summer Bottle 2026!", 40), "summer-bottle-2026");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(
            from_title("Crème brûlée à la carte", 40),
            "creme-brulee-a-la-carte"
        );
        assert_eq!(from_title("Łódź design week", 40), "lodz-design-week");
        assert!(!from_title("北京 咖啡", 40).is_empty());
    }

    #[test]
    fn long_titles_end_on_a_whole_word_and_emoji_disappear() {
        let slug = from_title("The quick brown fox jumps over the lazy dog again and again", 40);
        assert!(slug.len() <= 40, "{slug}");
        assert_eq!(slug, "the-quick-brown-fox-jumps-over-the-lazy");
        assert_eq!(from_title("🎉 Party", 40), "party");
        assert_eq!(from_title("!!!", 40), "");
        assert_eq!(
            from_title("Donaudampfschifffahrtsgesellschaftskapitänsmütze", 20).len(),
            20
        );
    }
}
