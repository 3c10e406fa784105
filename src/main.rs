use clap::Parser;

fn main() {
    if let Ok(exe) = std::env::current_exe() {
        fazhi::ingest::pdf::set_child_exe(exe);
    }
    let cli = fazhi::cli::Cli::parse();
    std::process::exit(fazhi::cli::run(cli));
}
