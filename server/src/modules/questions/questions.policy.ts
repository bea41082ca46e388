import type { Role } from '@anchang/contracts';

/** Everyone working the site may hand a customer's question to sales, and follow it; the client's viewers do not. */
export const QUESTION_ASKERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'staff', 'sales_consultant'];

/** Sales answers (GUARD-IN-7: 引导给销售人员解答). */
export const QUESTION_ANSWERERS: readonly Role[] = ['sales_consultant'];

/** A question sent to a consultant by name is theirs to answer; one sent to all, any consultant's. */
export const mayAnswer = (question: { to_person_id: string | null }, personId: string): boolean =>
  question.to_person_id === null || question.to_person_id === personId;
