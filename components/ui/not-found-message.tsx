import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export function NotFoundMessage({ title, message }: { title: string; message: string }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{message}</p>
      <div className="mt-6 flex justify-center gap-2">
        <Link href="/runs" className={buttonClass("secondary")}>
          History
        </Link>
        <Link href="/" className={buttonClass("primary")}>
          New run
        </Link>
      </div>
    </div>
  );
}
