import type { DemoContext } from '../../src/widgets/contract.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { button, controlBar, demoCanvas, slider, PALETTE } from '../../src/widgets/ui.ts';
import { corpusOf, trainState, traceState, unrollSpec, weightCount, type UnrollTrace } from './model.ts';
import { initialState, maxLength, parseState, type UnrollParams, type UnrollState } from './state.ts';
import { drawUnroll, type HitBox } from './view.ts';

const TRAIN_STEPS_PER_CLICK = 25;
/** Time a signal takes to travel one step of the chain while playing. */
const STEP_MS = 900;
const FOLD_MS = 600;

export default defineDemo<UnrollParams, UnrollState>({
  initialState,
  parseState(raw, params) {
    const corpus = corpusOf(params);
    return parseState(raw, params, weightCount(unrollSpec(corpus.vocab.length, params.hidden)));
  },
  mount(ctx: DemoContext<UnrollParams, UnrollState>) {
    const { params, root } = ctx;
    const tf = ctx.tf;
    if (!tf) throw new Error('the unroll demo needs TensorFlow.js');
    const corpus = corpusOf(params);
    const spec = unrollSpec(corpus.vocab.length, params.hidden);
    let state = ctx.state;
    let trace: UnrollTrace = traceState(spec, corpus, state);
    let unfold = state.unrolled ? 1 : 0;
    let counter = 0;
    let playing = false;
    let phase = 0;
    let frame = 0;
    let lastTime = 0;
    let boxes: HitBox[] = [];

    const bar = controlBar(root);
    const prev = button({ label: '◀ step', title: 'Previous time step', onClick: () => update({ ...state, t: (state.t - 1 + state.length) % state.length }) });
    const next = button({ label: 'step ▶', title: 'Next time step', onClick: () => update({ ...state, t: (state.t + 1) % state.length }) });
    const play = button({ label: 'play', title: 'Run through the sequence', onClick: () => setPlaying(!playing) });
    const fold = button({ label: state.unrolled ? 'fold' : 'unroll', title: 'Switch between the loop and the unrolled chain', onClick: () => update({ ...state, unrolled: !state.unrolled }) });
    const train = button({
      label: `train ${TRAIN_STEPS_PER_CLICK} steps`,
      title: 'Gradient descent on predicting each next character',
      onClick: () => update(trainState(tf, spec, corpus, state, TRAIN_STEPS_PER_CLICK)),
    });
    const reset = button({ label: 'reset', title: 'Back to the seeded weights', onClick: () => update({ ...initialState(params), length: state.length }) });
    const length = slider({
      label: 'steps T',
      min: 1,
      max: maxLength(params),
      step: 1,
      value: state.length,
      onInput: (v) => update({ ...state, length: v, t: Math.min(state.t, v - 1) }),
    });
    for (const c of [prev, next, play, fold, train, reset, length]) bar.append(c.element);

    const width = Math.max(320, root.clientWidth || 840);
    const height = Math.max(160, (root.clientHeight || 300) - bar.offsetHeight - 6);
    const canvas = demoCanvas(root, width, height, `An RNN reading "${params.text}", unrolled over time`);
    canvas.canvas.tabIndex = 0;
    const tip = document.createElement('div');
    tip.className = 'demo-tooltip';
    tip.hidden = true;
    root.append(tip);

    const draw = () => {
      boxes = drawUnroll(canvas, { trace, t: state.t, unfold, trainSteps: state.trainSteps });
      if (playing && !ctx.reducedMotion) drawPulse();
    };

    /** A dot travelling x_t → s_t → ŷ_t and on along W_rec: the order of the computation. */
    const drawPulse = () => {
      const box = boxes.find((b) => b.text.startsWith(`s_${state.t + 1}[0]`));
      const outBox = boxes.find((b) => b.text.startsWith(`ŷ_${state.t + 1}[`));
      const inBox = boxes.find((b) => b.text.startsWith(`x_${state.t + 1}[`));
      if (!box || !outBox || !inBox) return;
      const x = box.x + box.w / 2;
      const yIn = inBox.y;
      const yOut = outBox.y;
      const y = phase < 0.5 ? yIn + (yOut - yIn) * (phase / 0.5) : box.y;
      const nextBox = boxes.find((b) => b.text.startsWith(`s_${state.t + 2}[0]`));
      const px = phase < 0.5 || !nextBox ? x : x + (nextBox.x + nextBox.w / 2 - x) * ((phase - 0.5) / 0.5);
      canvas.ctx.fillStyle = PALETTE.orange;
      canvas.ctx.beginPath();
      canvas.ctx.arc(px, y, 6, 0, Math.PI * 2);
      canvas.ctx.fill();
    };

    const commit = () => {
      counter += 1;
      ctx.commit(state, counter);
    };

    /** A new state from a control: recompute what it changes, redraw, report it. */
    function update(next: UnrollState) {
      const retrace = next.length !== state.length || next.weights !== state.weights || next.seed !== state.seed;
      state = next;
      if (retrace) trace = traceState(spec, corpus, state);
      fold.set(state.unrolled ? 'fold' : 'unroll');
      length.set(state.length);
      commit();
      draw();
      kick();
    }

    function setPlaying(on: boolean) {
      playing = on;
      phase = 0;
      play.set(on ? 'pause' : 'play');
      kick();
    }

    let raf = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    function loop(time: number) {
      raf = 0;
      const dt = lastTime ? Math.min(100, time - lastTime) : 16;
      lastTime = time;
      const target = state.unrolled ? 1 : 0;
      if (unfold !== target) {
        const delta = ctx.reducedMotion ? 1 : dt / FOLD_MS;
        unfold = target > unfold ? Math.min(target, unfold + delta) : Math.max(target, unfold - delta);
      }
      if (playing && !ctx.reducedMotion && ctx.role === 'driver') {
        phase += dt / STEP_MS;
        if (phase >= 1) {
          phase -= 1;
          state = { ...state, t: (state.t + 1) % state.length };
          commit();
        }
      }
      frame += 1;
      draw();
      if (ctx.isActive() && (unfold !== target || (playing && !ctx.reducedMotion))) raf = requestAnimationFrame(loop);
      else lastTime = 0;
    }
    function kick() {
      if (ctx.reducedMotion && playing && ctx.role === 'driver' && timer === undefined) {
        // Reduced motion: the focus jumps one step a second, with no travelling dot.
        timer = setInterval(() => {
          state = { ...state, t: (state.t + 1) % state.length };
          commit();
          draw();
        }, 1000);
      }
      if (!playing && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
      if (raf === 0 && ctx.isActive()) raf = requestAnimationFrame(loop);
      else if (!ctx.isActive()) draw();
    }
    function stop() {
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      lastTime = 0;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    }

    const onMove = (e: PointerEvent) => {
      const r = canvas.canvas.getBoundingClientRect();
      const sx = canvas.width / r.width;
      const x = (e.clientX - r.left) * sx;
      const y = (e.clientY - r.top) * sx;
      const hit = boxes.find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
      tip.hidden = !hit;
      if (hit) {
        tip.textContent = hit.text;
        tip.style.left = `${hit.x + hit.w + 6}px`;
        tip.style.top = `${hit.y + bar.offsetHeight}px`;
      }
    };
    const onLeave = () => (tip.hidden = true);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') next.element.click();
      else if (e.key === 'ArrowLeft') prev.element.click();
      else return;
      e.preventDefault();
    };
    canvas.canvas.addEventListener('pointermove', onMove);
    canvas.canvas.addEventListener('pointerleave', onLeave);
    canvas.canvas.addEventListener('keydown', onKey);
    draw();

    return {
      setState(next) {
        const retrace = next.length !== state.length || JSON.stringify(next.weights) !== JSON.stringify(state.weights) || next.seed !== state.seed;
        state = next;
        if (retrace) trace = traceState(spec, corpus, state);
        fold.set(state.unrolled ? 'fold' : 'unroll');
        length.set(state.length);
        if (ctx.reducedMotion || !ctx.isActive()) unfold = state.unrolled ? 1 : 0;
        kick();
      },
      resume() {
        kick();
      },
      pause() {
        stop();
        unfold = state.unrolled ? 1 : 0;
        draw();
      },
      snapshot() {
        return canvas.canvas.toDataURL('image/png');
      },
      unmount() {
        stop();
        playing = false;
        canvas.canvas.removeEventListener('pointermove', onMove);
        canvas.canvas.removeEventListener('pointerleave', onLeave);
        canvas.canvas.removeEventListener('keydown', onKey);
        root.replaceChildren();
        void frame;
      },
    };
  },
});
