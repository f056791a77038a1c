import { NotFoundMessage } from "@/components/ui/not-found-message";

export default function NotFound() {
  return <NotFoundMessage title="Not found" message="There is nothing at this address." />;
}
