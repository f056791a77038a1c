// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { confirmExternalLink } from "@/components/ui/confirm-external-link";

afterEach(() => cleanup());

function clickLink(href: string, answer: boolean) {
  const confirm = vi.fn(() => answer);
  window.confirm = confirm;
  const { container } = render(
    <div onClick={confirmExternalLink}>
      <a href={href}>the Foreman docs</a>
    </div>,
  );
  const event = new MouseEvent("click", { bubbles: true, cancelable: true });
  fireEvent(container.querySelector("a") as HTMLAnchorElement, event);
  return { confirm, prevented: event.defaultPrevented };
}

describe("links in model output", () => {
  it("asks before leaving the site, naming the real host, and stays when refused", () => {
    const { confirm, prevented } = clickLink("https://evil.example/phish", false);
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining("leaves Foreman for evil.example"));
    expect(prevented).toBe(true);
  });

  it("opens the link when confirmed, and same-site links without asking", () => {
    expect(clickLink("https://evil.example/phish", true).prevented).toBe(false);
    const local = clickLink(`${window.location.origin}/runs`, false);
    expect(local.confirm).not.toHaveBeenCalled();
    expect(local.prevented).toBe(false);
  });
});
