//! Right-to-left text with left-to-right runs in it: a term such as "LGBTQIA+", a name such
//! as "C++", a web address or a phone number inside Persian or Arabic text is displayed in
//! the wrong order by the Unicode bidirectional algorithm unless it is isolated ("+LGBTQIA",
//! "2373-539-888-1"). imprint wraps such runs of translated right-to-left text in first-strong
//! isolates (U+2068 ... U+2069), which HTML, EPUB reading systems and Typst all honour, so
//! every format shows them alike.

/// First-strong isolate.
const FSI: char = '\u{2068}';
/// Pop directional isolate.
const PDI: char = '\u{2069}';

fn digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}')
}

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms).
fn rtl_letter(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// A letter written left to right (Latin, Cyrillic, Greek, Armenian, CJK...).
fn ltr_letter(c: char) -> bool {
    c.is_alphabetic() && !rtl_letter(c)
}

/// Characters that continue a left-to-right run when more of it follows (`T visa`,
/// `castla.org/about`, `info@castla.org`, `Cast's`).
fn joiner(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/' | ':' | '&' | '\'' | '’' | '_' | '@' | '+' | '?' | '=' | '#' | '~' | '%')
}

/// Characters that belong to the end of a left-to-right term (`LGBTQIA+`, `C++`, `C#`).
fn trailer(c: char) -> bool {
    matches!(c, '+' | '#' | '®' | '™')
}

/// Wraps, in right-to-left text, each left-to-right run (from a left-to-right letter to the
/// last letter or digit of the run, with the marks that end terms such as `LGBTQIA+`), and
/// each number joined by separators (`1-888-539-2373`, `18-24`, `10/2024`), in first-strong
/// isolates. Plain numbers are left alone (they read correctly), and so is text already
/// inside isolates.
pub fn isolate(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{2066}'..='\u{2068}' => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || !(ltr_letter(c) || digit(c)) {
            out.push(c);
            i += 1;
            continue;
        }
        let (end, wrap) = if ltr_letter(c) { ltr_run(&chars, i) } else { number_run(&chars, i) };
        let run: String = chars[i..=end].iter().collect();
        if wrap {
            out.push(FSI);
            out.push_str(&run);
            out.push(PDI);
        } else {
            out.push_str(&run);
        }
        i = end + 1;
    }
    out
}

/// The last index of the left-to-right run starting at `start`; always isolated.
fn ltr_run(chars: &[char], start: usize) -> (usize, bool) {
    let mut end = start;
    let mut j = start;
    while j < chars.len() && !rtl_letter(chars[j]) && (ltr_letter(chars[j]) || digit(chars[j]) || joiner(chars[j])) {
        if ltr_letter(chars[j]) || digit(chars[j]) {
            end = j;
        }
        j += 1;
    }
    while end + 1 < chars.len() && trailer(chars[end + 1]) {
        end += 1;
    }
    (end, true)
}

/// The last index of the number starting at `start`, and whether it has separators (then it
/// is isolated).
fn number_run(chars: &[char], start: usize) -> (usize, bool) {
    let mut end = start;
    let mut j = start;
    let mut separated = false;
    while j < chars.len() && (digit(chars[j]) || "-./:()+ ".contains(chars[j])) {
        if digit(chars[j]) {
            end = j;
        } else if j + 1 < chars.len() && digit(chars[j + 1]) && chars[j] != ' ' {
            separated = true;
        }
        j += 1;
    }
    (end, separated)
}

/// Left-to-right runs of right-to-left text whose edge is a neutral mark that may belong to
/// the run or to the text around it (`-`, `"`, `*`, `$`...): the isolation cannot know, so the
/// author should mark the run (`[the run]{lang=en}`). Returns each run with its edge mark.
pub fn ambiguous_runs(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let ambiguous =
        |c: char| matches!(c, '-' | '"' | '\'' | '*' | '$' | '@' | '/' | '\\' | '_' | '=' | '<' | '>' | '^' | '|');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !ltr_letter(chars[i]) || (i > 0 && (ltr_letter(chars[i - 1]) || digit(chars[i - 1]))) {
            i += 1;
            continue;
        }
        let (end, _) = ltr_run(&chars, i);
        let before = i.checked_sub(1).map(|b| chars[b]).filter(|c| ambiguous(*c));
        let after = chars.get(end + 1).copied().filter(|c| ambiguous(*c));
        if before.is_some() || after.is_some() {
            let from = if before.is_some() { i - 1 } else { i };
            let to = if after.is_some() { end + 1 } else { end };
            out.push(chars[from..=to].iter().collect());
        }
        i = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ambiguous_runs, isolate};

    #[test]
    fn runs_with_an_ambiguous_edge_are_found() {
        assert_eq!(ambiguous_runs("برنامهٔ \"Resilient Voices\" است"), ["\"Resilient Voices\""]);
        assert_eq!(ambiguous_runs("نسخهٔ -beta و"), ["-beta"]);
        assert!(ambiguous_runs("افراد LGBTQIA+ و (Cast) و castla.org.").is_empty());
    }

    fn shown(s: &str) -> String {
        s.replace('\u{2068}', "[").replace('\u{2069}', "]")
    }

    #[test]
    fn phone_numbers_and_ranges_are_isolated() {
        assert_eq!(shown(&isolate("تماس 1-888-539-2373 اکنون")), "تماس [1-888-539-2373] اکنون");
        assert_eq!(shown(&isolate("سن 18-24 سال")), "سن [18-24] سال");
        assert_eq!(shown(&isolate("سال 1995 و 72 نفر")), "سال 1995 و 72 نفر");
        assert_eq!(shown(&isolate("۱۸-۲۴")), "[۱۸-۲۴]");
    }

    #[test]
    fn left_to_right_terms_keep_their_edge_marks() {
        assert_eq!(shown(&isolate("افراد LGBTQIA+ و دیگران")), "افراد [LGBTQIA+] و دیگران");
        assert_eq!(shown(&isolate("زبان C++ است")), "زبان [C++] است");
        assert_eq!(shown(&isolate("ویزای T و کمک")), "ویزای [T] و کمک");
        assert_eq!(shown(&isolate("سایت castla.org/about.")), "سایت [castla.org/about].");
        assert_eq!(shown(&isolate("کست (Cast): پایان")), "کست ([Cast]): پایان");
        assert_eq!(shown(&isolate("سال مالی FY2024 بود")), "سال مالی [FY2024] بود");
    }

    #[test]
    fn text_already_isolated_is_left_alone() {
        assert_eq!(isolate("\u{2068}LGBTQIA+\u{2069}"), "\u{2068}LGBTQIA+\u{2069}");
    }
}
