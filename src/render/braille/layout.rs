//! Braille pages: units of Braille ASCII broken into lines of at most [`LINE`] cells and pages
//! of [`PAGE`] lines, the braille page number at the right end of the last line.
//!
//! Lines break between braille words (after translation, so contractions are never cut). A
//! word longer than the line is divided where the line ends, with the continuation sign at the
//! end of the first part (UEB's line continuation indicator, dot 5, for English; the hyphen,
//! dots 36, for other codes) and the rest on the next line. Blank lines never start a page and
//! never come two in a row; a heading moves to the next page unless it fits with a line of
//! what follows it.

/// Cells in a line.
pub const LINE: usize = 40;
/// Lines in a page, the page number line included.
pub const PAGE: usize = 25;
/// Lines of text in a page: the last line holds only the page number.
pub const TEXT_LINES: usize = PAGE - 1;
/// Blank cells on each side of a centred heading, at least.
const CENTER_MARGIN: usize = 3;

/// Where a unit's lines start: `first` and `runover` are cell offsets from the left margin
/// (cell 1 is offset 0), as BANA writes "3-1" for a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Offset of the first line.
    pub first: usize,
    /// Offset of every following line.
    pub runover: usize,
    /// A centred heading: each line centred, a blank line before and after.
    pub centered: bool,
    /// A heading: a blank line before it (cell-5 headings), kept with what follows.
    pub heading: bool,
    /// A blank line before it.
    pub blank_before: bool,
}

impl Style {
    /// A paragraph: 3-1.
    pub const PARAGRAPH: Style = Style { first: 2, runover: 0, centered: false, heading: false, blank_before: false };
    /// A transcriber's note: 7-5.
    pub const NOTE: Style = Style { first: 6, runover: 4, ..Style::PARAGRAPH };
    /// A centred line of the title page.
    pub const CENTERED: Style = Style { first: 0, runover: 0, centered: true, heading: false, blank_before: false };

    /// A heading at a level of the document: 1 and 2 centred, 3 in cell 5 (after a blank
    /// line), 4 and deeper in cell 7.
    pub fn heading(level: u8) -> Style {
        match level {
            0..=2 => Style { first: 0, runover: 0, centered: true, heading: true, blank_before: true },
            3 => Style { first: 4, runover: 4, centered: false, heading: true, blank_before: true },
            _ => Style { first: 6, runover: 6, centered: false, heading: true, blank_before: false },
        }
    }

    /// A list item at nesting `depth`: 1-3, 3-5, 5-7...
    pub fn item(depth: usize) -> Style {
        Style { first: 2 * depth, runover: 2 * depth + 2, ..Style::PARAGRAPH }
    }

    /// The same style `cells` further in (inside a quotation).
    pub fn shifted(self, cells: usize) -> Style {
        if self.centered { self } else { Style { first: self.first + cells, runover: self.runover + cells, ..self } }
    }
}

/// One piece of laid-out content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Braille words (Braille ASCII, one space between words) in a style.
    Text {
        /// Where its lines start.
        style: Style,
        /// The braille.
        cells: String,
    },
    /// Lines already formatted (a table in columns), each at most [`LINE`] cells.
    Lines(Vec<String>),
    /// A line of cells centred on its own (a transition line).
    Centered(String),
    /// A blank line.
    Blank,
    /// The next unit starts a new page.
    PageBreak,
}

/// A page: its lines of text (at most [`TEXT_LINES`]) and its braille page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The lines, without trailing blanks.
    pub lines: Vec<String>,
    /// The page number as braille cells (`#A`, `P#A`).
    pub number: String,
}

impl Page {
    /// The page's [`PAGE`] lines, the page number right-aligned on the last.
    pub fn full_lines(&self) -> Vec<String> {
        let mut lines = self.lines.clone();
        lines.resize(TEXT_LINES, String::new());
        lines.push(format!("{:>LINE$}", self.number));
        lines
    }
}

/// A braille page number: the numeric indicator (dots 3456) and the digits as the letters
/// a-j, after `prefix` (`P` for the preliminary pages, BANA's "p1"). Both UEB and Spanish
/// braille write numbers so.
pub fn page_number(prefix: &str, n: usize) -> String {
    let digits: String =
        n.to_string().chars().map(|d| if d == '0' { 'J' } else { (b'A' + (d as u8 - b'1')) as char }).collect();
    format!("{prefix}#{digits}")
}

/// Breaks braille words into lines: the first line at `first`, the others at `runover`,
/// each at most `width` cells; `continuation` ends the first part of a divided word.
pub fn wrap(cells: &str, first: usize, runover: usize, width: usize, continuation: char) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    for word in cells.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_string();
        loop {
            let needed = word.len() + usize::from(!empty);
            if line.len() + needed <= width {
                if !empty {
                    line.push(' ');
                }
                line.push_str(&word);
                empty = false;
                break;
            }
            let indent = if lines.is_empty() && empty { first } else { runover };
            if !empty {
                lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
                empty = true;
                continue;
            }
            // The word alone is longer than the line: divide it.
            let room = width.saturating_sub(indent + 1).max(1);
            let rest = word.split_off(room);
            line.push_str(&word);
            line.push(continuation);
            lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
            word = rest;
        }
    }
    if !empty {
        lines.push(line);
    }
    lines
}

/// Lines of a centred unit: wrapped to leave [`CENTER_MARGIN`] blank cells on each side, each
/// line centred.
fn centered(cells: &str, continuation: char) -> Vec<String> {
    wrap(cells, 0, 0, LINE - 2 * CENTER_MARGIN, continuation)
        .into_iter()
        .map(|l| format!("{}{l}", " ".repeat((LINE - l.len()) / 2)))
        .collect()
}

/// Lays units out on pages numbered `prefix` 1, 2... (`prefix` is `""` or `"P"`).
pub fn paginate(units: &[Unit], prefix: &str, continuation: char) -> Vec<Page> {
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    let mut blank = false;
    for (i, unit) in units.iter().enumerate() {
        let (lines, style) = match unit {
            Unit::Blank => {
                blank = true;
                continue;
            }
            Unit::PageBreak => {
                if !pages.last().is_some_and(Vec::is_empty) {
                    pages.push(Vec::new());
                }
                blank = false;
                continue;
            }
            Unit::Text { style, cells } if style.centered => (centered(cells, continuation), Some(*style)),
            Unit::Text { style, cells } => (wrap(cells, style.first, style.runover, LINE, continuation), Some(*style)),
            Unit::Lines(lines) => (lines.clone(), None),
            Unit::Centered(cells) => (centered(cells, continuation), None),
        };
        if lines.is_empty() {
            continue;
        }
        let heading = style.is_some_and(|s| s.heading);
        let blank_before = blank || style.is_some_and(|s| s.blank_before);
        let blank_after = style.is_some_and(|s| s.centered && s.heading);
        blank = blank_after;
        let page = pages.last().expect("one page at least");
        let room = TEXT_LINES - page.len();
        let gap = usize::from(blank_before && !page.is_empty() && page.last().is_some_and(|l| !l.is_empty()));
        // A heading keeps its blank line after it and one line of what follows; any unit
        // that fits in a page stays whole when the rest of the page cannot hold it and it is
        // a table.
        let follows = usize::from(heading && i + 1 < units.len()) * (1 + usize::from(blank_after));
        let keep = if heading || matches!(unit, Unit::Lines(_)) { lines.len() + follows } else { 1 };
        if gap + keep.min(TEXT_LINES) > room && !page.is_empty() {
            pages.push(Vec::new());
        } else if gap == 1 {
            pages.last_mut().expect("a page").push(String::new());
        }
        for line in lines {
            if pages.last().is_some_and(|p| p.len() == TEXT_LINES) {
                pages.push(Vec::new());
            }
            pages.last_mut().expect("a page").push(line);
        }
        if blank_after && pages.last().is_some_and(|p| p.len() < TEXT_LINES) {
            pages.last_mut().expect("a page").push(String::new());
            blank = false;
        }
    }
    pages
        .into_iter()
        .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
        .enumerate()
        .map(|(n, mut lines)| {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            Page { lines, number: page_number(prefix, n + 1) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_between_braille_words_and_long_words_divide() {
        let lines = wrap("AAAA BBBB CCCC", 2, 0, 10, '"');
        assert_eq!(lines, ["  AAAA", "BBBB CCCC"]);
        let lines = wrap("ABCDEFGHIJKLMNOP", 0, 2, 8, '"');
        assert_eq!(lines, ["ABCDEFG\"", "  HIJKL\"", "  MNOP"]);
        assert!(lines.iter().all(|l| l.len() <= 8));
    }

    #[test]
    fn page_numbers() {
        assert_eq!(page_number("", 1), "#A");
        assert_eq!(page_number("", 10), "#AJ");
        assert_eq!(page_number("P", 2), "P#B");
    }

    #[test]
    fn pages_hold_25_lines_and_headings_stay_with_their_text() {
        let para = Unit::Text { style: Style::PARAGRAPH, cells: "WORD".into() };
        let mut units = vec![para.clone(); 22];
        units.push(Unit::Text { style: Style::heading(2), cells: ",HEAD+".into() });
        units.push(para.clone());
        let pages = paginate(&units, "", '"');
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines.len(), 22, "the heading did not fit with its text");
        assert_eq!(pages[1].lines[0].trim(), ",HEAD+");
        assert_eq!(pages[1].lines[0].find(','), Some((LINE - 6) / 2));
        assert_eq!(pages[1].lines[1], "");
        let full = pages[1].full_lines();
        assert_eq!(full.len(), PAGE);
        assert_eq!(full[PAGE - 1].len(), LINE);
        assert!(full[PAGE - 1].ends_with("#B"));
    }
}
