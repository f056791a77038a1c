import { NotFoundMessage } from "@/components/ui/not-found-message";

export default function RunNotFound() {
  return <NotFoundMessage title="Run not found" message="This run does not exist, or it was deleted." />;
}
