//! Braille cells in their two spellings: North American Braille ASCII (the 64 characters of a
//! BRF file, one per six-dot cell) and Unicode braille patterns (U+2800 to U+283F, what PEF
//! holds). The correspondence is the standard one (the same as liblouis's `en-us-brf.dis` and
//! `unicode.dis`), written once here.

/// The Braille ASCII character of each six-dot cell, indexed by its dots as bits (dot 1 is
/// bit 0, dot 6 is bit 5): index 0 is the blank cell, 1 is dot 1 (`A`), 63 is all six (`=`).
pub const BRF_BY_DOTS: &[u8; 64] = b" A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=";

/// The dots (as bits) of a Braille ASCII character, if it is one of the 64 (lower-case letters
/// are read as their capitals, as embossers do).
pub fn dots(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    BRF_BY_DOTS.iter().position(|&b| b as char == c).map(|i| i as u8)
}

/// Whether `c` is one of the 64 Braille ASCII characters (upper case).
pub fn is_brf(c: char) -> bool {
    c.is_ascii() && BRF_BY_DOTS.contains(&(c as u8))
}

/// The Unicode braille pattern of a Braille ASCII character (a character that is not one of
/// the 64 becomes the blank pattern; [`normalize`] has made sure there is none).
pub fn unicode(c: char) -> char {
    char::from_u32(0x2800 + u32::from(dots(c).unwrap_or(0))).unwrap_or('\u{2800}')
}

/// A line of Braille ASCII as Unicode braille patterns, blank cells included.
pub fn to_unicode(line: &str) -> String {
    line.chars().map(unicode).collect()
}

/// Translator output as Braille ASCII: capitals for letters, six-dot Unicode patterns (which
/// some liblouis tables write whatever the display table) as their ASCII characters, runs of
/// spaces and line breaks as one space. A character that is none of these is returned as the
/// error, so that the renderer can name it.
pub fn normalize(braille: &str) -> Result<String, char> {
    let mut out = String::with_capacity(braille.len());
    for c in braille.chars() {
        let c = match c {
            '\u{2800}'..='\u{283F}' => BRF_BY_DOTS[(c as u32 - 0x2800) as usize] as char,
            c if c.is_whitespace() => ' ',
            c if is_brf(c.to_ascii_uppercase()) => c.to_ascii_uppercase(),
            c => return Err(c),
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    Ok(out.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_standard_one() {
        // Letters a-j are dots 1, 12, 14, 145, 15, 124, 1245, 125, 24, 245.
        let bits = |ds: &[u8]| ds.iter().map(|d| 1u8 << (d - 1)).sum::<u8>();
        assert_eq!(dots('A'), Some(bits(&[1])));
        assert_eq!(dots('J'), Some(bits(&[2, 4, 5])));
        assert_eq!(dots(','), Some(bits(&[6])));
        assert_eq!(dots('#'), Some(bits(&[3, 4, 5, 6])));
        assert_eq!(dots('/'), Some(bits(&[3, 4])));
        assert_eq!(dots('"'), Some(bits(&[5])));
        assert_eq!(dots('z'), dots('Z'));
        assert_eq!(to_unicode(",CA/ "), "\u{2820}\u{2809}\u{2801}\u{280C}\u{2800}");
        let mut sorted = BRF_BY_DOTS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 64, "64 distinct characters");
        assert!(sorted.iter().all(|&b| (0x20..0x60).contains(&b)), "the upper-case ASCII range");
    }

    #[test]
    fn translator_output_is_normalized() {
        assert_eq!(normalize(",ca/  te/\n").unwrap(), ",CA/ TE/");
        assert_eq!(normalize("\u{280F}\u{2800}\u{2801}").unwrap(), "P A");
        assert_eq!(normalize("a\u{2840}"), Err('\u{2840}'));
    }
}
