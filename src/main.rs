use clap::Parser;
use fazhi::ingest::pdf;

fn main() {
    // The isolated PDF extractor: checked before clap so nothing else writes to
    // stdout in the child.
    if std::env::args_os().nth(1).as_deref() == Some(std::ffi::OsStr::new(pdf::CHILD_SUBCOMMAND)) {
        std::process::exit(pdf::child_main());
    }
    if let Ok(exe) = std::env::current_exe() {
        pdf::set_child_exe(exe);
    }
    let cli = fazhi::cli::Cli::parse();
    std::process::exit(fazhi::cli::run(cli));
}
