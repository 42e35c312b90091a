//! The `gongkai` command line: a thin layer over the library.

mod cli;

use clap::Parser;
use cli::{BuildArgs, Cli, Command, LangArg, NewWhat, SearchArgs, ServeArgs};
use gongkai::build;
use gongkai::error::{Chain, Msg, UiLang};
use gongkai::msg;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Pages are rendered and minified on every core at once: glibc malloc spent about a third of
// minify-html's time in its locks and free lists, and kept freed search memory from the OS.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    if let Some(lang) = cli.lang {
        UiLang::set(match lang {
            LangArg::Zh => UiLang::Zh,
            LangArg::En => UiLang::En,
        });
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let label = Msg::new("error", "錯誤");
            match UiLang::current() {
                UiLang::En => eprintln!("{label}: {}", Chain(&e)),
                UiLang::Zh => eprintln!("{label}：{}", Chain(&e)),
            }
            ExitCode::FAILURE
        }
    }
}

/// Runs the command asked for.
fn run(cli: Cli) -> gongkai::error::Result<()> {
    let root = cli.root;
    match cli.command {
        Command::Build(args) => {
            keep_freed_memory();
            build_cmd(&root, args)
        }
        Command::Check { strict } => check_cmd(&root, strict),
        Command::Serve(args) => serve_cmd(&root, args),
        Command::Import {
            file,
            year,
            out,
            force,
        } => gongkai::cmd::import::run(&root, &file, year, out, force).map(print_imported),
        Command::Search(args) => search_cmd(&root, args, cli.lang),
        Command::Schema { out, link_records } => schema_cmd(&root, out, link_records),
        Command::New { what } => new_cmd(&root, what),
        Command::Help { command } => cli::print_help(&command),
    }
}

/// `gongkai check`: problems fail it; warnings are listed.
fn check_cmd(root: &Path, strict: bool) -> gongkai::error::Result<()> {
    let options = build::Options {
        strictness: strictness(strict),
        ..Default::default()
    };
    let r = build::check_with(root, &options)?;
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
    );
    Ok(())
}

/// `gongkai serve`.
fn serve_cmd(root: &Path, args: ServeArgs) -> gongkai::error::Result<()> {
    let out = build::output_dir(root, args.output);
    let options = gongkai::serve::Options {
        port: args.port,
        bind: args.bind,
        base_url: args.base_url,
        open: args.open,
    };
    gongkai::serve::serve(root, &out, &options)
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

/// Prints a warning, labelled in the language of messages.
fn warn(w: &String) {
    gongkai::error::print_warning(w);
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
fn new_cmd(root: &Path, what: NewWhat) -> gongkai::error::Result<()> {
    match what {
        NewWhat::Year { year } => gongkai::cmd::new_year::run(root, year).map(|p| {
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
        } => gongkai::cmd::new::run(root, year, &agency, id, item).map(|p| {
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
fn build_cmd(root: &Path, args: BuildArgs) -> gongkai::error::Result<()> {
    let options = build::Options {
        strictness: strictness(args.strict),
        base_url: args.base_url,
        drafts: if args.drafts {
            gongkai::model::Drafts::Shown
        } else {
            gongkai::model::Drafts::Hidden
        },
        minify: None,
        packing: gongkai::opendata_ods::Packing::Smallest,
    };
    let out = build::output_dir(root, args.output);
    let report = gongkai::build::progress::with_progress(|progress| {
        build::build_with(root, &out, progress, &options)
    })?;
    report.warnings.iter().for_each(warn);
    if args.timings {
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
    if let Some(n) = r.minified {
        let ms = r.minifying.as_secs_f64() * 1000.0;
        eprintln!("Pages minified: {n}, {ms:.1} ms (summed over threads; the others as published)");
    }
    eprintln!("Templates and steps (summed over threads), slowest first:");
    for (name, d, n) in &r.templates {
        eprintln!("{:>10.1} ms  {name} ({n}×)", d.as_secs_f64() * 1000.0);
    }
}

/// `gongkai search`.
fn search_cmd(root: &Path, args: SearchArgs, lang: Option<LangArg>) -> gongkai::error::Result<()> {
    let lang = match lang {
        Some(LangArg::En) => gongkai::model::Lang::En,
        Some(LangArg::Zh) | None => gongkai::model::Lang::Zh,
    };
    let q = gongkai::search::Query {
        text: args.query,
        filters: gongkai::search::Filters {
            agency: args.agency,
            year: args.year,
            status: args.status,
        },
        typing: args.typing,
    };
    gongkai::cmd::search::run(root, lang, &q, args.limit, args.json).map(|s| print!("{s}"))
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
