import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRunTitle, getRunView } from "@/lib/server/run-queries";
import { RunView } from "@/components/run-view/run-view";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const title = await getRunTitle(id);
  return { title: title ?? "Run" };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const view = await getRunView(id);
  if (!view) notFound();
  return <RunView run={view.run} initialEvents={view.events} document={view.document} />;
}
