/** The concern form's draft: one per tab (sessionStorage is per tab), removed once it is sent. */
export const DRAFT_KEY = 'concern-draft';
