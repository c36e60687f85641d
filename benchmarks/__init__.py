"""Speed, memory and quality benchmarks (run with `make bench` and `make eval`)."""
