//! Spanish syllables by the rules of Spanish: each syllable has one vowel nucleus; a weak
//! vowel (i, u, ü) next to another vowel forms a diphthong with it unless it carries an
//! accent (hiatus: "ca-í-a"); two strong vowels (a, e, o) are two syllables ("a-é-re-o");
//! the u of que, qui, gue, gui is silent; h does not separate vowels; y is a vowel at the end
//! of a word or before a consonant ("hoy", "muy", "y").

const VOWELS: &str = "aeiouáéíóúü";
/// Vowels that are a nucleus of their own: strong ones, and weak ones with an accent.
const STRONG: &str = "aeoáéóíú";

/// The number of syllables of a Spanish word (a number counts as one).
pub fn syllables(word: &str) -> usize {
    let lower = word.to_lowercase();
    let letters: Vec<char> = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return usize::from(word.chars().any(|c| c.is_ascii_digit()));
    }
    // Silent u after q, and after g before e or i; silent h.
    let mut chars: Vec<char> = Vec::with_capacity(letters.len());
    for (i, &c) in letters.iter().enumerate() {
        let prev = if i > 0 { Some(letters[i - 1]) } else { None };
        let next = letters.get(i + 1).copied();
        let silent_u =
            c == 'u' && (prev == Some('q') || (prev == Some('g') && matches!(next, Some('e' | 'i' | 'é' | 'í'))));
        if !silent_u && c != 'h' {
            chars.push(c);
        }
    }
    for i in 0..chars.len() {
        if chars[i] == 'y' && chars.get(i + 1).is_none_or(|n| !VOWELS.contains(*n)) {
            chars[i] = 'i';
        }
    }
    let mut count = 0;
    let mut prev: Option<char> = None;
    for &c in &chars {
        if !VOWELS.contains(c) {
            prev = None;
            continue;
        }
        let new_nucleus = match prev {
            None => true,
            Some(p) => (STRONG.contains(p) && STRONG.contains(c)) || "íú".contains(p) || "íú".contains(c) || p == c,
        };
        if new_nucleus {
            count += 1;
        }
        prev = Some(c);
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::syllables;

    #[test]
    fn hand_counted_words() {
        for (word, n) in [
            ("amigo", 3),
            ("caía", 3),
            ("ciudad", 2),
            ("país", 2),
            ("aéreo", 4),
            ("que", 1),
            ("guerra", 2),
            ("pingüino", 3),
            ("hoy", 1),
            ("leer", 2),
            ("poeta", 3),
            ("ahora", 3),
            ("búho", 2),
            ("trata", 2),
            ("sobrevivientes", 5),
            ("autonomía", 5),
            ("y", 1),
            ("Guatemala", 4),
            ("2024", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }
}
