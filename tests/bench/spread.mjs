// "min / median / max" of figures from interleaved rounds, as the benchmarks report ratios.
export function spread(values, digits = 2) {
	const sorted = [...values].sort((a, b) => a - b);
	const median =
		sorted.length % 2 === 1
			? sorted[(sorted.length - 1) / 2]
			: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	return [sorted[0], median, sorted.at(-1)].map((v) => v.toFixed(digits)).join(' / ');
}
