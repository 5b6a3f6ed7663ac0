//! `bench NAME [ARGS]`: runs one benchmark (`tests::bench`).

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    if !tests::bench::run(&name).await {
        eprintln!("usage: bench NAME [ARGS], NAME one of:");
        for (name, what) in tests::bench::NAMES {
            eprintln!("  {name:<13} {what}");
        }
        std::process::exit(2);
    }
}
