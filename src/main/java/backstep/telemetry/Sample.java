package backstep.telemetry;

/** One value of one metric at one time (epoch milliseconds). NaN means the target could not say. */
public record Sample(long atMillis, double value) {}
