/** Settings kept per project, each stored under `<kind>:<project>`; deleting a project deletes them all. */
const PROJECT_SETTING_KINDS = ['workspace'] as const;

/** A kind of per-project setting. */
export type ProjectSettingKind = (typeof PROJECT_SETTING_KINDS)[number];

/** The settings key of one kind of per-project setting (a project's saved workspace: `workspace:<project>`). */
export function projectSettingKey(kind: ProjectSettingKind, project: string): string {
  return `${kind}:${project}`;
}

/** Every per-project settings key of a project. */
export function projectSettingKeys(project: string): string[] {
  return PROJECT_SETTING_KINDS.map((kind) => projectSettingKey(kind, project));
}
