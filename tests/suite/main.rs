//! imprint's integration tests: one test binary (each extra binary links typst again), with a
//! module per area, over fixture projects in `tests/fixtures/`.

mod common;
mod disk_world;
mod pdfread;

mod architecture;
mod braille;
mod characters;
mod charts;
mod check;
mod commit;
mod data_texts;
mod epub;
mod errors;
mod examples;
mod hardening;
mod html;
mod i18n;
mod init;
mod kitchen_sink;
mod long_words;
mod model;
mod pdf;
mod plain;
mod readback;
mod reading;
mod reviews;
mod site;
mod tables;
mod watch;
