import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { cookies } from "next/headers";
import { accessToken, SESSION_COOKIE, verifySession } from "@/lib/security/access";

/** Sign-out is offered to a browser signed in with a session (not on the sign-in page itself). */
async function hasSession(): Promise<boolean> {
  const token = accessToken();
  if (!token) return false;
  return (await verifySession({ token, value: (await cookies()).get(SESSION_COOKIE)?.value, now: new Date() })) !== undefined;
}
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Foreman", template: "%s · Foreman" },
  description: "An orchestrator plans, workers analyse, one report cites every claim.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signedIn = await hasSession();
  // With an access token and no session every page redirects to sign-in: links to them would only
  // lead back there, so the header offers none until the browser signs in.
  const locked = accessToken() !== undefined && !signedIn;
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-900">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-[96rem] items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="flex items-center gap-2 rounded font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-brand">
              <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-brand text-sm text-white dark:bg-indigo-500">
                F
              </span>
              Foreman
            </Link>
            {!locked && (
              <nav aria-label="Main" className="flex items-center gap-1">
                <NavLink href="/">New run</NavLink>
                <NavLink href="/runs">History</NavLink>
                {signedIn && <SignOutButton />}
              </nav>
            )}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-[96rem] px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
