//! The `gongkai` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use gongkai::build;
use std::path::PathBuf;
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
    },
    /// Validate content and templates; write nothing.
    Check {
        /// Site folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        /// Overwrite existing records.
        #[arg(long)]
        force: bool,
    },
    /// Search the plans from the terminal (tantivy's own ranking, as the site's search).
    Search {
        /// The words; every one is required.
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
    },
    /// Write a new record to fill in.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Subcommand)]
enum NewWhat {
    /// A plan record: every field present and commented, in Chinese and English.
    Plan {
        /// ROC year.
        #[arg(long)]
        year: u32,
        /// Agency slug from content/agencies.yaml.
        #[arg(long)]
        agency: String,
        /// Plan id [default: plan-YEAR-ITEM].
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
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            timings,
        } => {
            let out = build::output_dir(&root, output);
            build::build(&root, &out).map(|r| {
                for w in &r.warnings {
                    eprintln!("warning: {w}");
                }
                if timings {
                    eprintln!("Phases:");
                    for (phase, d) in &r.phases {
                        eprintln!("{:>10.1} ms  {phase}", d.as_secs_f64() * 1000.0);
                    }
                    eprintln!("Templates and steps (summed over threads), slowest first:");
                    for (name, d, n) in &r.templates {
                        eprintln!("{:>10.1} ms  {name} ({n}×)", d.as_secs_f64() * 1000.0);
                    }
                }
                eprintln!(
                    "Built {} plans, {} files into {} in {} ms",
                    r.plans,
                    r.files,
                    out.display(),
                    r.total().as_millis()
                );
            })
        }
        Command::Check { root } => build::check(&root).map(|r| {
            gongkai::model::warnings(&root)
                .iter()
                .for_each(|w| eprintln!("warning: {w}"));
            eprintln!("OK: {} plans, {} files would be written", r.plans, r.files)
        }),
        Command::Serve { root, output, port } => {
            let out = build::output_dir(&root, output);
            gongkai::serve::serve(&root, &out, port)
        }
        Command::Import {
            file,
            year,
            out,
            root,
            force,
        } => gongkai::cmd::import::run(&root, &file, year, out, force).map(|paths| {
            for p in &paths {
                println!("{}", p.display());
            }
            eprintln!(
                "Imported {} records; fill in the English texts, then run `gongkai check`.",
                paths.len()
            );
        }),
        Command::Search {
            query,
            lang,
            agency,
            year,
            status,
            limit,
            json,
            root,
        } => {
            let lang = match lang {
                LangArg::Zh => gongkai::model::Lang::Zh,
                LangArg::En => gongkai::model::Lang::En,
            };
            let q = gongkai::search::Query {
                text: query,
                agency,
                year,
                status,
            };
            gongkai::cmd::search::run(&root, lang, &q, limit, json).map(|s| print!("{s}"))
        }
        Command::New {
            what:
                NewWhat::Plan {
                    year,
                    agency,
                    id,
                    item,
                    root,
                },
        } => gongkai::cmd::new::run(&root, year, &agency, id, item).map(|p| {
            println!("{}", p.display());
            eprintln!("Fill in every field (replace each TODO), then run `gongkai check`.");
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
