"use client";

import { useEffect, useState } from "react";

// The invite link as a QR code, for a friend standing next to you: they point their camera at it.
// Drawn here as one SVG path from the code's modules (no image URL, nothing from the network; the
// encoder, `qrcode`, is loaded only once a link exists). The quiet zone around it is part of the code.

const QUIET = 4;

/** The SVG path of the dark modules, one unit square each, offset by the quiet zone. */
function pathOf(size: number, dark: (row: number, column: number) => boolean): string {
  let d = "";
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (dark(row, column)) d += `M${column + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  return d;
}

export function InviteQr({ link }: { link: string }) {
  const [code, setCode] = useState<{ link: string; size: number; path: string } | null>(null);

  useEffect(() => {
    let current = true;
    void import("qrcode").then(({ create }) => {
      const { modules } = create(link, { errorCorrectionLevel: "M" });
      if (current) setCode({ link, size: modules.size, path: pathOf(modules.size, (row, column) => Boolean(modules.get(row, column))) });
    });
    return () => {
      current = false;
    };
  }, [link]);

  if (!code || code.link !== link) return <div className="size-48 animate-pulse rounded-lg bg-white" aria-hidden="true" />;
  const side = code.size + QUIET * 2;
  return (
    <svg
      role="img"
      aria-label="QR code of your invite link"
      viewBox={`0 0 ${side} ${side}`}
      className="size-48 rounded-lg bg-white"
      shapeRendering="crispEdges"
      data-testid="invite-qr"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={code.path} fill="#000" />
    </svg>
  );
}
