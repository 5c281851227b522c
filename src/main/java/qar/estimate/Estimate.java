package qar.estimate;

/** A sampled value with its standard error and 95 % confidence interval. */
public record Estimate(double value, double stderr, double ciLow, double ciHigh) {
}
