/**
 * Fills `{name}` placeholders; `missing` decides what a placeholder without a value becomes.
 * Used by the translator (translate.ts) and for an office's video link template.
 */
export function interpolate(
	template: string,
	vars: Record<string, string | number>,
	missing: (name: string) => string = () => '',
): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = vars[name];
		return value === undefined ? missing(name) : String(value);
	});
}
