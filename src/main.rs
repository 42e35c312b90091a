//! The `gongkai` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use gongkai::build;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Pages are rendered and minified on every core at once: glibc malloc spent about a third of
// minify-html's time in its locks and free lists, and kept freed search memory from the OS.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Publish government plan evaluations as a bilingual static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build {
        /// Site folder holding content/ (and optionally themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print the time of each phase.
        #[arg(long)]
        timings: bool,
        /// Make every warning an error (an English text not yet written, say).
        #[arg(long)]
        strict: bool,
        /// The address the site is published at, instead of site.yaml's base_url (a deploy
        /// preview's): canonical links, hreflang, sitemap, robots and feeds use it.
        #[arg(short = 'u', long, env = "GONGKAI_BASE_URL")]
        base_url: Option<String>,
    },
    /// Validate content and templates; write nothing.
    Check {
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Make every warning an error (an English text not yet written, say).
        #[arg(long)]
        strict: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve {
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Port on 127.0.0.1.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address pages link to [default: the server's own, http://127.0.0.1:PORT].
        #[arg(short = 'u', long, env = "GONGKAI_BASE_URL")]
        base_url: Option<String>,
    },
    /// Import a review table (text exported from the ministry's PDF) or this site's open-data
    /// CSV into one YAML record per plan.
    Import {
        /// The table (.txt) or CSV (.csv).
        file: PathBuf,
        /// ROC year of the review.
        #[arg(long)]
        year: u32,
        /// Folder for the records [default: ROOT/content/plans/YEAR].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Site folder holding content/agencies.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace the records of the year whole, throwing away their English (without it,
        /// records already written are updated and keep their English).
        #[arg(long)]
        force: bool,
    },
    /// Search the plans from the terminal (tantivy's own ranking, as the site's search).
    Search(SearchArgs),
    /// Write a new record to fill in.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
}

/// `gongkai search`'s arguments.
#[derive(clap::Args)]
struct SearchArgs {
    /// The words (stop words and question words count for nothing). May be empty with a
    /// filter: the plans under the filters.
    #[arg(default_value = "")]
    query: String,
    /// Language of the texts searched.
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Only this agency (its slug in content/agencies.yaml).
    #[arg(long)]
    agency: Option<String>,
    /// Only this ROC year.
    #[arg(long)]
    year: Option<u32>,
    /// Only plans with this status: behind, late, returned, challenging, special, slightly,
    /// unchallenging.
    #[arg(long)]
    status: Option<String>,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// The last word is still being typed: it stands for the words it begins.
    #[arg(long)]
    typing: bool,
    /// Print JSON, as `serve` answers /api/search.
    #[arg(long)]
    json: bool,
    /// Site folder holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Subcommand)]
enum NewWhat {
    /// A year record (content/years/N.yaml: the review's source document), from the previous
    /// year's.
    Year {
        /// ROC year.
        year: u32,
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A plan record: every field present and commented, in Chinese and English.
    Plan {
        /// ROC year.
        #[arg(long)]
        year: u32,
        /// Agency slug from content/agencies.yaml.
        #[arg(long)]
        agency: String,
        /// Plan id [default: AGENCY-YEAR-ITEM, as import names new plans].
        #[arg(long)]
        id: Option<String>,
        /// Item number [default: one past the year's highest].
        #[arg(long)]
        item: Option<u32>,
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    no_huge_pages();
    let result = match Cli::parse().command {
        Command::Build {
            root,
            output,
            timings,
            strict,
            base_url,
        } => {
            keep_freed_memory();
            let options = build::Options {
                strictness: strictness(strict),
                base_url,
            };
            build_cmd(&root, output, timings, &options)
        }
        Command::Check { root, strict } => {
            let options = build::Options {
                strictness: strictness(strict),
                ..Default::default()
            };
            build::check_with(&root, &options).map(|r| {
                (r.warnings.iter())
                    .chain(&gongkai::model::warnings(&root))
                    .for_each(|w| eprintln!("warning: {w}"));
                eprintln!("OK: {} plans, {} files would be written", r.plans, r.files)
            })
        }
        Command::Serve {
            root,
            output,
            port,
            base_url,
        } => {
            let out = build::output_dir(&root, output);
            gongkai::serve::serve(&root, &out, port, base_url)
        }
        Command::Import {
            file,
            year,
            out,
            root,
            force,
        } => gongkai::cmd::import::run(&root, &file, year, out, force).map(|imported| {
            for p in &imported.written {
                println!("{}", p.display());
            }
            eprint!("{}", imported.summary);
            eprintln!("Fill in or update the English texts, then run `gongkai check`.");
        }),
        Command::Search(args) => search_cmd(args),
        Command::New { what } => new_cmd(what),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Turns transparent huge pages off for this process. mimalloc asks for them, and the kernel
/// then zeroes 2 MB at a time for the first byte touched: tantivy's writers alone made a
/// 20-record build spend two thirds of its time zeroing pages, and a 1,000-record build a
/// third more memory. Best effort: without it a build is only slower.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// mimalloc's `purge_delay` option (milliseconds): how long freed memory stays mapped before
/// it is handed back to the system. Its place in mimalloc 3's `mi_option_t`; the test
/// `purge_delay_is_the_option_it_names` checks it against the option's default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Lets a one-off build keep freed memory for ten seconds instead of one before mimalloc
/// returns it to the system. A build frees and remakes a year's template values, open data
/// and pages again and again; returned memory comes back as fresh pages the kernel must
/// zero, and in this virtual machine each such page fault costs about 10 µs. At 100,000
/// records this halves the page faults (about 770,000 to 380,000) at the same peak memory,
/// since the freed memory is reused. `serve` keeps the default: it runs for hours.
fn keep_freed_memory() {
    // SAFETY: sets one integer option; mimalloc reads options on each purge decision
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10_000) };
}

/// `gongkai build`: builds, with a progress line when stderr is a terminal.
/// `gongkai new year|plan`.
fn new_cmd(what: NewWhat) -> gongkai::error::Result<()> {
    match what {
        NewWhat::Year { year, root } => gongkai::cmd::new_year::run(&root, year).map(|p| {
            println!("{}", p.display());
            eprintln!(
                "Check the title, add the date, reference number and URL, then run `gongkai check`."
            );
        }),
        NewWhat::Plan {
            year,
            agency,
            id,
            item,
            root,
        } => gongkai::cmd::new::run(&root, year, &agency, id, item).map(|p| {
            println!("{}", p.display());
            eprintln!("Fill in every field (replace each TODO), then run `gongkai check`.");
        }),
    }
}

/// `--strict` as the build's setting.
fn strictness(strict: bool) -> build::Strictness {
    if strict {
        build::Strictness::Strict
    } else {
        build::Strictness::Lenient
    }
}

fn build_cmd(
    root: &Path,
    output: Option<PathBuf>,
    timings: bool,
    options: &build::Options,
) -> gongkai::error::Result<()> {
    let out = build::output_dir(root, output);
    let report = match TermProgress::new() {
        Some(progress) => {
            let r = build::build_with(root, &out, &progress, options);
            progress.0.finish_and_clear();
            r
        }
        None => build::build_with(root, &out, &build::Quiet, options),
    }?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if timings {
        print_timings(&report);
    }
    eprintln!(
        "Built {} plans, {} files into {} in {} ms",
        report.plans,
        report.files,
        out.display(),
        report.total().as_millis()
    );
    Ok(())
}

/// `--timings`: each phase, then each template and step.
fn print_timings(r: &build::Report) {
    eprintln!("Phases:");
    for (phase, d) in &r.phases {
        eprintln!("{:>10.1} ms  {phase}", d.as_secs_f64() * 1000.0);
    }
    eprintln!("Of which at the same time (each job's own time):");
    for (part, d) in &r.parts {
        eprintln!("{:>10.1} ms    {part}", d.as_secs_f64() * 1000.0);
    }
    eprintln!("Templates and steps (summed over threads), slowest first:");
    for (name, d, n) in &r.templates {
        eprintln!("{:>10.1} ms  {name} ({n}×)", d.as_secs_f64() * 1000.0);
    }
}

/// A build's progress as one line on a terminal: the phase, files written, time taken.
struct TermProgress(indicatif::ProgressBar);

impl TermProgress {
    /// A progress line on stderr, or `None` when stderr is not a terminal (a pipe, a file, a
    /// test), which then sees nothing but the build's own messages.
    fn new() -> Option<TermProgress> {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} {msg}: {pos} files written [{elapsed}]",
        )
        .expect("a valid progress template");
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(TermProgress(bar))
    }
}

impl build::Progress for TermProgress {
    fn phase(&self, what: &str) {
        self.0.set_message(what.to_string());
    }
    fn file_written(&self) {
        self.0.inc(1);
    }
}

/// `gongkai search`.
fn search_cmd(args: SearchArgs) -> gongkai::error::Result<()> {
    let lang = match args.lang {
        LangArg::Zh => gongkai::model::Lang::Zh,
        LangArg::En => gongkai::model::Lang::En,
    };
    let q = gongkai::search::Query {
        text: args.query,
        agency: args.agency,
        year: args.year,
        status: args.status,
        typing: args.typing,
    };
    gongkai::cmd::search::run(&args.root, lang, &q, args.limit, args.json).map(|s| print!("{s}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_is_the_option_it_names() {
        // mimalloc 3 defaults `purge_delay` to 1000 ms, and no neighbouring option to 1000
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
