import { signOutAction } from "@/app/login/actions";

/** Ends this browser's session (a plain form: works without JavaScript). Shown only when sign-in is on. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:px-3 focus-visible:outline-2 focus-visible:outline-brand dark:text-slate-200 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </form>
  );
}
