//! The command line's shape: every command, argument and help text, as clap reads them. What
//! each command does is in `main.rs` and the library.
//!
//! Short flags follow Zola and Hugo where they have one: `-r` the site's folder (Zola's
//! `--root`), `-o` the output, `-u` the base URL, `-p` the port, `-O` open the browser
//! (Zola's `serve --open`), `-D` drafts (Hugo's `--buildDrafts`).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// `gongkai`'s arguments.
#[derive(Parser)]
#[command(
    name = "gongkai",
    version = env!("GONGKAI_VERSION"),
    about = "Publish government plan evaluations as a bilingual static site",
    // our own `help` command, which takes `--help` like every other one
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
    /// Site folder holding content/ (and optionally themes/); before or after the command.
    #[arg(short = 'r', long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Language of messages (zh: Traditional Chinese, en: English) [default: the locale's,
    /// LANG=zh_TW.UTF-8 gives Chinese]; for `search`, also the language searched [default: zh].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build(BuildArgs),
    /// Validate content and templates, drafts included; write nothing.
    Check {
        /// Make every warning an error (an English text not yet written, say).
        #[arg(long)]
        strict: bool,
    },
    /// Build (drafts included, marked), serve on 127.0.0.1 (or --bind), rebuild on change and
    /// reload the browser.
    Serve(ServeArgs),
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
        /// Also begin every file under ROOT/content with the comment that points an editor at
        /// its schema (`# yaml-language-server: $schema=…`), replacing the one it has.
        #[arg(long)]
        link_records: bool,
    },
    /// Write a new record to fill in.
    New {
        /// What to write.
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Print the help of gongkai or of a command (`gongkai help serve`, `gongkai help new
    /// plan`).
    Help {
        /// The command, and its subcommand if it has them.
        command: Vec<String>,
    },
}

/// `gongkai build`'s arguments.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// Output folder [default: ROOT/public].
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Print the time of each phase.
    #[arg(long)]
    pub timings: bool,
    /// Make every warning an error (an English text not yet written, say).
    #[arg(long)]
    pub strict: bool,
    /// The address the site is published at, instead of site.yaml's base_url (a deploy
    /// preview's): canonical links, hreflang, sitemap, robots and feeds use it.
    #[arg(short = 'u', long, env = "GONGKAI_BASE_URL")]
    pub base_url: Option<String>,
    /// Include drafts (`draft: true` on a plan or a year record), each page marked as a
    /// draft: a preview, not the site to publish.
    #[arg(short = 'D', long)]
    pub drafts: bool,
}

/// `gongkai serve`'s arguments.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Output folder [default: ROOT/public].
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Port to listen on (0: any free port).
    #[arg(short = 'p', long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on: 0.0.0.0 (every address of this machine) or one of its network
    /// addresses lets other devices on the network preview the site. A development server,
    /// not for the internet.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the browser once the first build is done.
    #[arg(short = 'O', long)]
    pub open: bool,
    /// The address pages link to [default: the server's own, http://127.0.0.1:PORT].
    #[arg(short = 'u', long, env = "GONGKAI_BASE_URL")]
    pub base_url: Option<String>,
}

/// `gongkai search`'s arguments.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// The words (stop words and question words count for nothing); plans holding most of
    /// them are shown too, after those holding all. May be empty with a filter: the plans
    /// under the filters.
    #[arg(default_value = "")]
    pub query: String,
    /// Only this agency (its slug in content/agencies.yaml).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only this ROC year.
    #[arg(long)]
    pub year: Option<u32>,
    /// Only plans with this status: behind, late, returned, challenging, special, slightly,
    /// unchallenging, underspent, low-spending.
    #[arg(long)]
    pub status: Option<String>,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// The last word is still being typed: it stands for the words it begins.
    #[arg(long)]
    pub typing: bool,
    /// Print JSON, as `serve` answers /api/search.
    #[arg(long)]
    pub json: bool,
}

/// `--lang`'s values: Traditional Chinese, English. (The variants have no doc comments: clap
/// would print them as a list under every command's `--help`, which `--lang`'s own text says.)
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

/// What `gongkai new` writes.
#[derive(Subcommand)]
pub enum NewWhat {
    /// A year record (content/years/N.yaml: the review's source document), from the previous
    /// year's.
    Year {
        /// ROC year.
        year: u32,
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
    },
}

/// `gongkai help [COMMAND…]`: what `gongkai COMMAND… --help` prints, exactly (clap lays help
/// out long or short by whether any argument has a long text, which only `--help` decides).
pub fn print_help(path: &[String]) -> gongkai::error::Result<()> {
    use clap::CommandFactory;
    let top = Cli::command();
    let mut cmd = &top;
    for name in path {
        cmd = cmd.find_subcommand(name).ok_or_else(|| {
            gongkai::error::Error::Usage(gongkai::msg!(
                "there is no command `{name}`: `gongkai help` lists them",
                "沒有 `{name}` 這個指令：`gongkai help` 會列出所有指令"
            ))
        })?;
    }
    let args = std::iter::once("gongkai")
        .chain(path.iter().map(String::as_str))
        .chain(std::iter::once("--help"));
    let shown = match Cli::command().try_get_matches_from(args) {
        Err(help) if help.kind() == clap::error::ErrorKind::DisplayHelp => help.print(),
        Err(e) => {
            // clap's own words, which it writes in English only
            let text = e.to_string();
            return Err(gongkai::error::Error::Usage(gongkai::error::Msg::new(
                text.clone(),
                text,
            )));
        }
        Ok(_) => Ok(()),
    };
    match shown {
        // `gongkai help | head`: the reader has read enough
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.map_err(|e| {
            gongkai::error::Error::failed(
                gongkai::error::Msg::new("cannot print the help", "無法顯示說明"),
                e,
            )
        }),
    }
}
