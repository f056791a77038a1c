import type { Metadata } from "next";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-1 text-lg font-semibold">Sign in to Foreman</h1>
      <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">This instance is protected by an access token (FOREMAN_ACCESS_TOKEN).</p>
      <LoginForm next={typeof next === "string" ? next : "/"} />
    </section>
  );
}
