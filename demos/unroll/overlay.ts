/** What is drawn over the unrolled chain: the travelling signal, and the value under the pointer. */
import type { DemoCanvas } from '../../src/widgets/ui.ts';
import { PALETTE } from '../../src/widgets/ui.ts';
import type { HitBox } from './view.ts';

/** A dot travelling x_t → s_t → ŷ_t and on along W_rec: the order of the computation; phase in [0, 1]. */
export function drawPulse(canvas: DemoCanvas, boxes: readonly HitBox[], t: number, phase: number): void {
  const find = (prefix: string) => boxes.find((b) => b.text.startsWith(prefix));
  const box = find(`s_${t + 1}[0]`);
  const outBox = find(`ŷ_${t + 1}[`);
  const inBox = find(`x_${t + 1}[`);
  if (!box || !outBox || !inBox) return;
  const x = box.x + box.w / 2;
  const y = phase < 0.5 ? inBox.y + (outBox.y - inBox.y) * (phase / 0.5) : box.y;
  const nextBox = find(`s_${t + 2}[0]`);
  const px = phase < 0.5 || !nextBox ? x : x + (nextBox.x + nextBox.w / 2 - x) * ((phase - 0.5) / 0.5);
  canvas.ctx.fillStyle = PALETTE.orange;
  canvas.ctx.beginPath();
  canvas.ctx.arc(px, y, 6, 0, Math.PI * 2);
  canvas.ctx.fill();
}

/** A tooltip over the stage naming the value under the pointer (boxes in canvas coordinates). */
export function hoverTips(canvas: DemoCanvas, stage: HTMLElement, boxes: () => readonly HitBox[]) {
  const tip = document.createElement('div');
  tip.className = 'demo-tooltip';
  tip.hidden = true;
  stage.append(tip);
  return {
    move(e: PointerEvent): void {
      const r = canvas.canvas.getBoundingClientRect();
      const scale = canvas.width / r.width;
      const x = (e.clientX - r.left) * scale;
      const y = (e.clientY - r.top) * scale;
      const hit = boxes().find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
      tip.hidden = !hit;
      if (hit) {
        tip.textContent = hit.text;
        tip.style.left = `${hit.x + hit.w + 6}px`;
        tip.style.top = `${hit.y}px`;
      }
    },
    leave(): void {
      tip.hidden = true;
    },
  };
}
