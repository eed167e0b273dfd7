//! A `[[chart]]` of `data/*.toml` made into a model chart: its shares read exactly and checked
//! against what the source says of them (complete, rounded, partial, or multiple answers).
//! Every hint here says what to change, and following it never leads to another diagnostic
//! that sends the writer back.

use toml::Spanned;

use super::data::ChartData;
use super::datamodel::{origin, span, text};
use crate::diag::{Diagnostic, Report};
use crate::model::{Category, Chart, ChartTotal, Share, ShareRange, Tenths};

pub(super) fn resolve_chart(
    file: usize,
    chart: &Spanned<ChartData>,
    tolerance: f64,
    report: &mut Report,
) -> Option<Chart> {
    let c = chart.get_ref();
    let id = c.id.get_ref();
    if c.category.is_empty() {
        report.push(Diagnostic::error(format!("chart `{id}` has no categories")).at(span(file, &c.id)));
        return None;
    }
    let mut categories = Vec::new();
    let mut ok = true;
    for cat in &c.category {
        match parse_share(cat.get_ref().percent.get_ref()) {
            Ok(share) => categories.push(Category { label: text(&cat.get_ref().label), share }),
            Err(message) => {
                ok = false;
                report.push(Diagnostic::error(message).at(span(file, &cat.get_ref().percent)).hint(
                    "Write a number from 0 to 100 with at most one decimal (73, 7.5), or \"<1\" for less than 1%.",
                ));
            }
        }
    }
    if !ok {
        return None;
    }
    let sum = ShareRange::sum(categories.iter().map(|c| c.share));
    let total = chart_total(c, sum, tolerance, &mut |d| report.push(d.at(span(file, &c.id))))?;
    Some(Chart {
        id: id.clone(),
        level: 0,
        title: text(&c.title),
        population: text(&c.population),
        categories,
        total,
        origin: origin(file, chart),
    })
}

/// What a chart's shares add up to, by what the source says of them; `None` after an error.
/// Each hint's advice, once followed, makes its diagnostic go away without raising another
/// one that sends the writer back (a test applies every hint).
fn chart_total(c: &ChartData, sum: ShareRange, tolerance: f64, push: &mut dyn FnMut(Diagnostic)) -> Option<ChartTotal> {
    let id = c.id.get_ref();
    let tolerance_tenths = (tolerance * 10.0).round().max(0.0) as u32;
    let distance = sum.distance_to(1000);
    if c.multiple_answers {
        if c.partial {
            push(
                Diagnostic::error(format!("chart `{id}` is marked both `multiple-answers` and `partial`"))
                    .label("choose one")
                    .hint(
                        "Remove `partial = true`: when people could choose more than one answer, the shares \
                         need not add up to 100% and the publication says why.",
                    ),
            );
            return None;
        }
        return Some(ChartTotal::MultipleAnswers);
    }
    if c.partial {
        if sum.min < 1000 {
            return Some(ChartTotal::Partial(sum));
        }
        if distance <= tolerance_tenths {
            push(
                Diagnostic::warning(format!("chart `{id}` is marked partial but its shares add up to {sum}"))
                    .hint("Remove `partial = true`: the categories cover everyone."),
            );
            return Some(ChartTotal::Partial(sum));
        }
        push(
            Diagnostic::error(format!("chart `{id}` is marked partial but its shares add up to {sum}, more than 100%"))
                .label("shares over 100")
                .hint(
                    "If people could choose more than one answer, replace `partial = true` with \
                     `multiple-answers = true`: the publication then says so. Otherwise a share is mistyped: \
                     correct it.",
                ),
        );
        return None;
    }
    if distance == 0 && sum.min == sum.max {
        return Some(ChartTotal::Complete);
    }
    if distance <= tolerance_tenths {
        return Some(ChartTotal::Rounded);
    }
    let advice = if sum.min > 1000 {
        "If people could choose more than one answer, add `multiple-answers = true` to the chart: the \
         publication then says so."
    } else {
        "If the categories do not cover everyone, add `partial = true` to the chart: the publication then \
         says what the listed shares add up to."
    };
    push(
        Diagnostic::error(format!(
            "the shares of chart `{id}` add up to {sum}, {} points away from 100%",
            Tenths(distance)
        ))
        .label("shares do not total 100")
        .hint(format!(
            "Within {tolerance} points of 100 is treated as rounding and the rounding note is added. \
             If a share is mistyped, correct it. {advice}"
        )),
    );
    None
}

/// Reads a percentage: a number from 0 to 100 with one decimal at most, or `"<N"`.
pub(crate) fn parse_share(v: &toml::Value) -> Result<Share, String> {
    let tenths = |x: f64| -> Result<u32, String> {
        let t = x * 10.0;
        if !(0.0..=1000.0).contains(&t) {
            return Err(format!("{x} is not a percentage from 0 to 100"));
        }
        if (t - t.round()).abs() > 1e-6 {
            return Err(format!("{x} has more than one decimal"));
        }
        Ok(t.round() as u32)
    };
    match v {
        toml::Value::Integer(i) => tenths(*i as f64).map(Share::Percent),
        toml::Value::Float(f) => tenths(*f).map(Share::Percent),
        toml::Value::String(s) => {
            let rest = s.trim().strip_prefix('<').map(str::trim).ok_or_else(|| {
                format!("\"{s}\" is not a percentage (the only text form is \"<N\", for less than N%)")
            })?;
            let rest = rest.strip_suffix('%').unwrap_or(rest);
            let bound: f64 = rest.parse().map_err(|_| format!("\"{s}\" is not a percentage"))?;
            let t = tenths(bound)?;
            if t == 0 {
                return Err("\"<0\" is not a percentage".into());
            }
            Ok(Share::LessThan(t))
        }
        other => Err(format!("a {} is not a percentage", other.type_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_parse_exactly() {
        assert_eq!(parse_share(&toml::Value::Integer(73)), Ok(Share::Percent(730)));
        assert_eq!(parse_share(&toml::Value::Float(7.5)), Ok(Share::Percent(75)));
        assert_eq!(parse_share(&toml::Value::String("<1".into())), Ok(Share::LessThan(10)));
        assert_eq!(parse_share(&toml::Value::String("< 1%".into())), Ok(Share::LessThan(10)));
        assert!(parse_share(&toml::Value::Integer(101)).is_err());
        assert!(parse_share(&toml::Value::Float(7.25)).is_err());
        assert!(parse_share(&toml::Value::String("about 5".into())).is_err());
        assert!(parse_share(&toml::Value::Boolean(true)).is_err());
    }
}
