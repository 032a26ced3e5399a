/** The message of a thrown value, whatever was thrown (user code may throw strings or plain objects). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
