//! A readable text dump of a [`Document`], one node per line, for `imprint build --emit model`
//! and for snapshot tests of the model.

use std::fmt::Write;

use super::{Alt, Block, ChartTotal, Document, Figure, Inline, LinkTarget, Section, Share, Tenths};

/// The whole document as indented text.
pub fn dump(doc: &Document) -> String {
    let mut out = front(doc);
    for c in &doc.certifications {
        let _ = writeln!(
            out,
            "  certified for {} by {:?} on {} credential={:?} report={:?}",
            c.formats.join(","),
            c.certified_by,
            c.date,
            c.credential,
            c.report
        );
    }
    for s in &doc.sections {
        out.push_str(&section(s));
    }
    out
}

/// What the document says outside its sections (title, metadata, cover, notices), as
/// [`dump`] writes it, without the conformance claims.
pub fn front(doc: &Document) -> String {
    let mut d = Dumper { out: String::new() };
    d.line(
        0,
        &format!(
            "document {} edition={} lang={} dir={}",
            doc.id,
            doc.edition.slug(),
            doc.lang.as_str(),
            doc.dir.as_str()
        ),
    );
    d.line(1, &format!("title {:?}", doc.title));
    d.line(1, &format!("description {:?}", doc.description));
    d.line(1, &format!("keywords {:?}", doc.keywords));
    let org = &doc.organization;
    d.line(1, &format!("organization {:?} legal-name={:?} website={:?}", org.name, org.legal_name, org.website));
    d.line(1, &format!("identifier {:?}", doc.identifier));
    if let Some(cover) = &doc.cover {
        d.line(1, &format!("cover #{cover}"));
    }
    for n in &doc.notices {
        d.line(1, &format!("notice {n:?}"));
    }
    d.out
}

/// One section as [`dump`] writes it.
pub fn section(s: &Section) -> String {
    let mut d = Dumper { out: String::new() };
    let fallback = if s.fallback { " (standard text: no plain version yet)" } else { "" };
    d.line(1, &format!("section #{} {}{fallback}", s.id, inlines(&s.title)));
    d.blocks(2, &s.blocks);
    d.out
}

struct Dumper {
    out: String,
}

impl Dumper {
    fn line(&mut self, depth: usize, text: &str) {
        let _ = writeln!(self.out, "{}{}", "  ".repeat(depth), text);
    }

    fn blocks(&mut self, depth: usize, blocks: &[Block]) {
        for b in blocks {
            self.block(depth, b);
        }
    }

    fn block(&mut self, depth: usize, b: &Block) {
        match b {
            Block::Paragraph(p) => self.line(depth, &format!("paragraph {}", inlines(&p.content))),
            Block::Heading(h) => self.line(depth, &format!("heading h{} #{} {}", h.level, h.id, inlines(&h.content))),
            Block::List(l) => {
                match l.start {
                    Some(n) => self.line(depth, &format!("list numbered from {n}")),
                    None => self.line(depth, "list bulleted"),
                }
                for item in &l.items {
                    self.line(depth + 1, "item");
                    self.blocks(depth + 2, item);
                }
            }
            Block::Quote(inner) => {
                self.line(depth, "quote");
                self.blocks(depth + 1, inner);
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    self.line(depth, &format!("table caption {}", inlines(&c.content)));
                }
                self.line(depth, &format!("table header {}", row(&t.header)));
                for r in &t.rows {
                    self.line(depth + 1, &format!("row {}", row(r)));
                }
            }
            Block::Figure(f) => self.figure(depth, f),
            Block::Chart(c) => {
                let total = match c.total {
                    ChartTotal::Complete => "complete".to_string(),
                    ChartTotal::Rounded => "rounded".to_string(),
                    ChartTotal::Partial(r) => format!("partial {r}"),
                    ChartTotal::MultipleAnswers => "multiple-answers".to_string(),
                };
                self.line(
                    depth,
                    &format!(
                        "chart #{} h{} {} population={} total={total}",
                        c.id,
                        c.level,
                        inlines(&c.title),
                        inlines(&c.population)
                    ),
                );
                for cat in &c.categories {
                    self.line(depth + 1, &format!("category {} {}", inlines(&cat.label), share(cat.share)));
                }
            }
            Block::Timeline(t) => {
                self.line(depth, &format!("timeline #{} h{}", t.id, t.level));
                for e in &t.events {
                    self.line(depth + 1, &format!("event {} {}", e.year, inlines(&e.title)));
                    self.line(depth + 2, &format!("text {}", inlines(&e.text)));
                    if let Some(f) = &e.figure {
                        self.figure(depth + 2, f);
                    }
                }
            }
            Block::Lang { lang, dir: d, blocks } => {
                self.line(depth, &format!("lang {} dir={}", lang.as_str(), d.as_str()));
                self.blocks(depth + 1, blocks);
            }
            Block::Rule => self.line(depth, "rule"),
        }
    }

    fn figure(&mut self, depth: usize, f: &Figure) {
        let alt = match &f.alt {
            Alt::Text(t) => format!("alt={t:?}"),
            Alt::Decorative => "decorative".to_string(),
        };
        self.line(
            depth,
            &format!("figure #{} {} {}x{} {}", f.id, f.image.path.display(), f.image.width, f.image.height, alt),
        );
        if let Some(c) = &f.caption {
            self.line(depth + 1, &format!("caption {}", inlines(c)));
        }
        if let Some(c) = &f.credit {
            self.line(depth + 1, &format!("credit {c:?}"));
        }
    }
}

fn share(s: Share) -> String {
    match s {
        Share::Percent(t) => format!("{}%", Tenths(t)),
        Share::LessThan(t) => format!("less than {}%", Tenths(t)),
    }
}

fn row(cells: &[Vec<Inline>]) -> String {
    cells.iter().map(|c| inlines(c)).collect::<Vec<_>>().join(" | ")
}

/// Inline content as `text("...") strong[...]`.
fn inlines(items: &[Inline]) -> String {
    items.iter().map(inline).collect::<Vec<_>>().join(" ")
}

fn inline(i: &Inline) -> String {
    match i {
        Inline::Text(t) => format!("{t:?}"),
        Inline::Emph(c) => format!("emph[{}]", inlines(c)),
        Inline::Strong(c) => format!("strong[{}]", inlines(c)),
        Inline::Code(c) => format!("code({c:?})"),
        Inline::Link { target: LinkTarget::External(u), content } => format!("link({u:?})[{}]", inlines(content)),
        Inline::Link { target: LinkTarget::Internal(id), content } => format!("link(#{id})[{}]", inlines(content)),
        Inline::LineBreak => "linebreak".into(),
        Inline::SoftBreak => "softbreak".into(),
        Inline::Lang { lang, dir: d, content } => {
            format!("lang({} {})[{}]", lang.as_str(), d.as_str(), inlines(content))
        }
    }
}
