declare module 'virtual:editor-typings' {
  /** Path (`file:///node_modules/…`) → text of each declaration file cells can import: tfjs's and labbook's (scripts/editorTypingsPlugin.ts). */
  const typings: Readonly<Record<string, string>>;
  export default typings;
}
