import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scene, STATES } from './scene.js';

type Args = Record<string, any>;
const render = (args: Args) => html`<rm-recommendations limit=${args.limit} @rm-action=${(e: CustomEvent) => console.info('rm-action', e.detail)}></rm-recommendations>`;

const meta: Meta<Args> = {
  title: 'Widgets/Recommendations',
  component: 'rm-recommendations',
  args: { limit: 4 },
  argTypes: { limit: { control: { type: 'number', min: 1 } } },
  render: (args) => scene(render(args)),
};
export default meta;
type Story = StoryObj<Args>;

export const Populated: Story = {};
export const Loading: Story = { render: (args) => scene(render(args), STATES.Loading) };
export const Error: Story = { render: (args) => scene(render(args), STATES.Error) };
export const Offline: Story = { render: (args) => scene(render(args), STATES.Offline) };
export const Empty: Story = { render: (args) => scene(render(args), STATES.Empty) };
/** What the leadership role gets: the server refuses campaign-level routes (403). */
export const Leadership: Story = { render: (args) => scene(render(args), STATES.Leadership) };
export const Dark: Story = { render: (args) => scene(render(args), STATES.Dark) };
export const DarkError: Story = { render: (args) => scene(render(args), { ...STATES.Dark, ...STATES.Error }) };
