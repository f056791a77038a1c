"use client";

import { useRef, useState, type DragEvent } from "react";

type Props = {
  file: File | null;
  onFile: (file: File | null) => void;
  error?: string | undefined;
  disabled?: boolean;
};

const ACCEPT = ".txt,.md,.markdown,.html,.htm,.pdf,.docx,.py,.js,.ts,.tsx,.jsx,.java,.go,.rs,.rb,.php,.c,.cpp,.h,.cs,.kt,.swift,.sql,.sh,.json,.yaml,.yml,text/*,application/pdf";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Drop a file here or pick one; the file input stays a real, labelled, keyboard-reachable input. */
export function FileDropZone({ file, onFile, error, disabled = false }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files.item(0);
    if (dropped) onFile(dropped);
  };
  const clear = () => {
    onFile(null);
    if (inputRef.current) inputRef.current.value = "";
  };

  return (
    <div>
      <label
        htmlFor="file"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed px-4 py-8 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand ${
          dragging
            ? "border-brand bg-indigo-50 dark:border-brand-dark dark:bg-indigo-950/40"
            : "border-slate-300 bg-white hover:border-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-slate-500"
        } ${error ? "border-red-400 dark:border-red-700" : ""}`}
      >
        <span className="text-sm font-medium">{file ? file.name : "Drop a document here, or click to choose a file"}</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {file ? formatSize(file.size) : "PDF, DOCX, HTML, Markdown, plain text or source code"}
        </span>
        <input
          ref={inputRef}
          id="file"
          name="file"
          type="file"
          accept={ACCEPT}
          disabled={disabled}
          className="sr-only"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "file-error" : undefined}
          onChange={(e) => onFile(e.currentTarget.files?.item(0) ?? null)}
        />
      </label>
      {file && (
        <button type="button" onClick={clear} className="mt-1 text-xs text-slate-600 underline hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Remove file
        </button>
      )}
      {error && (
        <p id="file-error" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
