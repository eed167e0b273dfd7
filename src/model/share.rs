//! Percentages as the source states them, kept exact: "73%" and "<1%" are different kinds of
//! value, and "<1%" is never rounded to 0 or 1.

use std::fmt;

/// A category's share of a population, in tenths of a percent to keep decimals exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// A stated percentage: `Percent(730)` is 73%.
    Percent(u32),
    /// Less than the given percentage: `LessThan(10)` is "<1%".
    LessThan(u32),
}

/// The smallest and largest total a set of shares can stand for, in tenths of a percent.
/// `max` is exclusive when any share is a "less than" value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareRange {
    /// The total if every "less than" share is 0.
    pub min: u32,
    /// The total if every "less than" share is at its bound.
    pub max: u32,
}

impl Share {
    /// The range of values this share stands for, in tenths of a percent.
    pub fn range(self) -> ShareRange {
        match self {
            Share::Percent(t) => ShareRange { min: t, max: t },
            Share::LessThan(t) => ShareRange { min: 0, max: t },
        }
    }

    /// The length of a bar drawn for this share, in tenths of a percent: a "less than" share
    /// is drawn at half its bound, so that "<1%" shows as a sliver, never as nothing or as 1%.
    pub fn bar_tenths(self) -> u32 {
        match self {
            Share::Percent(t) => t,
            Share::LessThan(t) => t / 2,
        }
    }

    /// The number without the sign, as written: `73`, `7.5`, `1` (for "<1").
    pub fn number(self) -> Tenths {
        match self {
            Share::Percent(t) | Share::LessThan(t) => Tenths(t),
        }
    }
}

impl ShareRange {
    /// The sum of several ranges.
    pub fn sum(shares: impl IntoIterator<Item = Share>) -> ShareRange {
        shares
            .into_iter()
            .map(Share::range)
            .fold(ShareRange { min: 0, max: 0 }, |a, b| ShareRange { min: a.min + b.min, max: a.max + b.max })
    }

    /// The distance in tenths of a percent from this range to `target` (0 when inside).
    pub fn distance_to(self, target: u32) -> u32 {
        if target < self.min { self.min - target } else { target.saturating_sub(self.max) }
    }
}

/// A number of tenths, displayed as a decimal without a trailing `.0` (`730` is `73`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenths(pub u32);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

impl fmt::Display for ShareRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}%", Tenths(self.min))
        } else {
            write!(f, "{}% to {}%", Tenths(self.min), Tenths(self.max))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_display_without_trailing_zero() {
        assert_eq!(Tenths(730).to_string(), "73");
        assert_eq!(Tenths(75).to_string(), "7.5");
        assert_eq!(Tenths(5).to_string(), "0.5");
    }

    #[test]
    fn less_than_is_a_range_not_a_number() {
        let sum = ShareRange::sum([Share::Percent(740), Share::LessThan(10)]);
        assert_eq!(sum, ShareRange { min: 740, max: 750 });
        assert_eq!(sum.distance_to(1000), 250);
        assert_eq!(sum.distance_to(745), 0);
        assert_eq!(Share::LessThan(10).bar_tenths(), 5);
    }
}
