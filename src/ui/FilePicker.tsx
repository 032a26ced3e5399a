/** Props of FilePicker. */
export interface FilePickerProps {
  label: string;
  testId: string;
  title?: string;
  /** The input's `accept` (a file picker), or a folder picker (`webkitdirectory`) when `folder`. */
  accept?: string;
  folder?: boolean;
  /** The picked files (every file of a picked folder); called only when something was picked. */
  onPick: (files: File[]) => void;
}

/**
 * A button that opens the browser's file (or folder) picker: a label over a visually hidden input, so it looks like
 * a button, takes focus and Enter like one, and the same file can be picked twice in a row.
 */
export function FilePicker(props: FilePickerProps) {
  return (
    <label class="button-like" title={props.title}>
      {props.label}
      <input
        type="file"
        data-testid={props.testId}
        class="visually-hidden"
        accept={props.accept}
        multiple={props.folder}
        ref={(input) => props.folder && input.setAttribute('webkitdirectory', '')}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) props.onPick(files);
        }}
      />
    </label>
  );
}
