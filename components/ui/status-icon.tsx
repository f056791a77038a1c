import type { StatusIconName } from "./status-meta";

type Props = { name: StatusIconName; className?: string };

/** Small stroke icons drawn in `currentColor`; decorative, the label beside them carries the meaning. */
export function StatusIcon({ name, className = "h-4 w-4" }: Props) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      data-icon={name}
      className={`${className} shrink-0 ${name === "spinner" ? "motion-safe:animate-spin" : ""}`}
    >
      <IconPath name={name} />
    </svg>
  );
}

function IconPath({ name }: { name: StatusIconName }) {
  switch (name) {
    case "circle":
      return <circle cx="8" cy="8" r="5.5" />;
    case "spinner":
      return (
        <>
          <circle cx="8" cy="8" r="5.5" opacity={0.25} />
          <path d="M8 2.5a5.5 5.5 0 0 1 5.5 5.5" />
        </>
      );
    case "retry":
      return (
        <>
          <path d="M13 8a5 5 0 1 1-1.5-3.6" />
          <path d="M12 1.8v2.9H9.1" />
        </>
      );
    case "check":
      return (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M5 8.2l2 2 4-4.2" />
        </>
      );
    case "half":
      return (
        <>
          <circle cx="8" cy="8" r="6" />
          <path d="M8 2v12a6 6 0 0 0 0-12z" fill="currentColor" />
        </>
      );
    case "cross":
      return (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />
        </>
      );
    case "skip":
      return (
        <>
          <path d="M3 4l5 4-5 4z" />
          <path d="M9 4l4 4-4 4" />
        </>
      );
    case "stop":
      return (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <rect x="5.5" y="5.5" width="5" height="5" fill="currentColor" />
        </>
      );
  }
}
