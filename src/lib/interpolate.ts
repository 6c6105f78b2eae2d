/**
 * Fills `{name}` placeholders; `missing` decides what a placeholder without a value becomes.
 * Kept apart from i18n.ts so islands get it without the UI string schema.
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
