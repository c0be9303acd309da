package backstep.drill.load;

import java.time.Instant;

/**
 * One second of workload as the clients saw it: completed operations and errors per second and latency
 * percentiles in milliseconds (NaN when nothing completed — a stall, not a fast second).
 */
public record WorkloadTick(Instant at, double opsPerSecond, double errorsPerSecond, double p50, double p95,
    double p99, double max) {}
