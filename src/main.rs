//! The `gongkai` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use gongkai::build;
use gongkai::error::{Msg, UiLang};
use gongkai::msg;
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
    /// Language of messages (zh: Traditional Chinese, en: English) [default: the locale's,
    /// LANG=zh_TW.UTF-8 gives Chinese]; for `search`, also the language searched [default: zh].
    #[arg(long, value_enum, global = true)]
    lang: Option<LangArg>,
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
        /// Include drafts (`draft: true` on a plan or a year record), each page marked as a
        /// draft: a preview, not the site to publish.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate content and templates, drafts included; write nothing.
    Check {
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Make every warning an error (an English text not yet written, say).
        #[arg(long)]
        strict: bool,
    },
    /// Build, drafts included and marked, serve on 127.0.0.1, rebuild on change and reload
    /// the browser.
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
    /// Write the JSON Schemas that editors check content files with as staff type (VS Code's
    /// YAML extension and other editors using the YAML language server).
    Schema {
        /// Folder for the schemas [default: ROOT/schemas, where the records' first-line
        /// comments point].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also begin every file under ROOT/content with the comment that points an editor at
        /// its schema (`# yaml-language-server: $schema=…`), replacing the one it has.
        #[arg(long)]
        link_records: bool,
    },
    /// Write a new record to fill in.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
}

/// `gongkai search`'s arguments.
#[derive(clap::Args)]
struct SearchArgs {
    /// The words; plans holding most of them are shown too, after those holding all.
    query: String,
    /// Only this agency (its slug in content/agencies.yaml).
    #[arg(long)]
    agency: Option<String>,
    /// Only this ROC year.
    #[arg(long)]
    year: Option<u32>,
    /// Only plans with this status: behind, late, returned, challenging, special.
    #[arg(long)]
    status: Option<String>,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
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
    let cli = Cli::parse();
    if let Some(lang) = cli.lang {
        UiLang::set(match lang {
            LangArg::Zh => UiLang::Zh,
            LangArg::En => UiLang::En,
        });
    }
    let result = match cli.command {
        Command::Build {
            root,
            output,
            timings,
            strict,
            base_url,
            drafts,
        } => {
            keep_freed_memory();
            let options = build::Options {
                strictness: strictness(strict),
                base_url,
                drafts: if drafts {
                    gongkai::model::Drafts::Shown
                } else {
                    gongkai::model::Drafts::Hidden
                },
                minify: None,
            };
            build_cmd(&root, output, timings, &options)
        }
        Command::Check { root, strict } => check_cmd(&root, strict),
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
        } => gongkai::cmd::import::run(&root, &file, year, out, force).map(print_imported),
        Command::Search(args) => search_cmd(args, cli.lang),
        Command::Schema {
            out,
            root,
            link_records,
        } => schema_cmd(&root, out, link_records),
        Command::New { what } => new_cmd(what),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let label = Msg::new("error", "錯誤");
            match UiLang::current() {
                UiLang::En => eprintln!("{label}: {e}"),
                UiLang::Zh => eprintln!("{label}：{e}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// What `gongkai import` did: the files written on stdout, the summary on stderr.
fn print_imported(imported: gongkai::cmd::import::Imported) {
    for p in &imported.written {
        println!("{}", p.display());
    }
    if let Some(encoding) = imported.decoded_from {
        eprintln!(
            "{}",
            msg!(
                "The table was read as {encoding} and converted; the records are written as UTF-8.",
                "表格以 {encoding} 編碼讀取並已轉換；紀錄以 UTF-8 寫出。"
            )
        );
    }
    eprint!("{}", imported.summary);
    eprintln!(
        "{}",
        Msg::new(
            "Fill in or update the English texts, then run `gongkai check`.",
            "請填寫或更新英文內容，再執行 `gongkai check`。"
        )
    );
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

/// `gongkai check`: the warnings, then what a build would write.
fn check_cmd(root: &Path, strict: bool) -> gongkai::error::Result<()> {
    let options = build::Options {
        strictness: strictness(strict),
        ..Default::default()
    };
    build::check_with(root, &options).map(|r| {
        (r.warnings.iter())
            .chain(&gongkai::model::warnings(root))
            .for_each(warn);
        let (plans, files) = (r.plans, r.files);
        eprintln!(
            "{}",
            msg!(
                "OK: {plans} plans, {files} files would be written",
                "沒有問題：{plans} 個計畫，建置會寫出 {files} 個檔案"
            )
        )
    })
}

/// Prints a warning, labelled in the language of messages.
fn warn(w: &String) {
    let label = Msg::new("warning", "警告");
    match UiLang::current() {
        UiLang::En => eprintln!("{label}: {w}"),
        UiLang::Zh => eprintln!("{label}：{w}"),
    }
}

/// `gongkai schema`: the schemas written (and the records pointed at them), each file
/// written printed.
fn schema_cmd(root: &Path, out: Option<PathBuf>, link: bool) -> gongkai::error::Result<()> {
    use gongkai::cmd::schema;
    let out = out.unwrap_or_else(|| root.join(gongkai::content::json_schema::DIR));
    let mut written = schema::run(&out)?;
    if link {
        written.extend(schema::link_records(root, &out)?);
    }
    for p in &written {
        println!("{}", p.display());
    }
    let n = written.len();
    eprintln!(
        "{}",
        gongkai::msg!(
            "{n} files written; the others were current.",
            "已寫入 {n} 個檔案；其餘已是最新。"
        )
    );
    Ok(())
}

/// `gongkai new year|plan`.
fn new_cmd(what: NewWhat) -> gongkai::error::Result<()> {
    match what {
        NewWhat::Year { year, root } => gongkai::cmd::new_year::run(&root, year).map(|p| {
            println!("{}", p.display());
            eprintln!(
                "{}",
                Msg::new(
                    "Check the title, add the date, reference number and URL, then run `gongkai check`.",
                    "請確認標題，補上日期、文號與網址，再執行 `gongkai check`。"
                )
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
            eprintln!(
                "{}",
                Msg::new(
                    "Fill in every field (replace each TODO), then run `gongkai check`.",
                    "請填寫每個欄位（換掉每個 TODO），再執行 `gongkai check`。"
                )
            );
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

/// `gongkai build`: builds, with a progress line when stderr is a terminal.
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
    report.warnings.iter().for_each(warn);
    if timings {
        print_timings(&report);
    }
    let (plans, files, ms) = (report.plans, report.files, report.total().as_millis());
    let out = out.display();
    eprintln!(
        "{}",
        msg!(
            "Built {plans} plans, {files} files into {out} in {ms} ms",
            "已建置 {plans} 個計畫、{files} 個檔案到 {out}，費時 {ms} 毫秒"
        )
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
fn search_cmd(args: SearchArgs, lang: Option<LangArg>) -> gongkai::error::Result<()> {
    let lang = match lang {
        Some(LangArg::En) => gongkai::model::Lang::En,
        Some(LangArg::Zh) | None => gongkai::model::Lang::Zh,
    };
    let q = gongkai::search::Query {
        text: args.query,
        agency: args.agency,
        year: args.year,
        status: args.status,
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
