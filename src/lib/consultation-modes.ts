/** Ways a consultation can take place. Kept small: islands import it. */
export const CONSULTATION_MODES = ['phone', 'video', 'in-person'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];
