/**
 * Starting points for the model's parameters. Channel and segment *names* are data: channel i
 * (whatever it is called) takes archetype i mod 6, segment j takes archetype j mod 3, and the
 * seeded generator jitters every number, so custom names get realistic, varied parameters.
 */

export interface ChannelArchetype {
  /** What the numbers are modelled on (the default channel of that position). */
  kind: string;
  /** Typical daily spend of one campaign in this channel. */
  campaignSpend: number;
  /** Cost per 1000 impressions. */
  cpm: number;
  /** Clicks per impression. */
  ctr: number;
  /** Revenue / spend at the channel's typical spend. */
  roas: number;
  /** Adstock decay range. */
  theta: [number, number];
}

export const CHANNEL_ARCHETYPES: readonly ChannelArchetype[] = [
  { kind: 'search', campaignSpend: 450, cpm: 35, ctr: 0.04, roas: 3.4, theta: [0.2, 0.35] },
  { kind: 'social', campaignSpend: 300, cpm: 8, ctr: 0.011, roas: 2.6, theta: [0.35, 0.55] },
  { kind: 'email', campaignSpend: 90, cpm: 1.2, ctr: 0.022, roas: 7, theta: [0.2, 0.4] },
  { kind: 'display', campaignSpend: 260, cpm: 2.5, ctr: 0.0025, roas: 2.2, theta: [0.45, 0.7] },
  { kind: 'affiliate', campaignSpend: 200, cpm: 10, ctr: 0.008, roas: 3.8, theta: [0.2, 0.4] },
  { kind: 'video', campaignSpend: 380, cpm: 14, ctr: 0.005, roas: 2.3, theta: [0.5, 0.7] },
];

/**
 * Typical channel spend / K: below 1 the channel has headroom (spend more, earn more per unit),
 * above 1 it is near saturation. Spread over the channels so budget moves matter.
 */
export const SATURATION_RATIOS: readonly number[] = [0.45, 0.7, 1.0, 1.4, 2.0, 2.8];

/** Retail weekday pattern, Monday first: weekends sell more. */
export const RETAIL_WEEKDAY: readonly number[] = [0.92, 0.9, 0.93, 0.97, 1.05, 1.18, 1.1];

export interface SegmentArchetype {
  kind: string;
  /** Share of a day's customers who bought before. */
  repeatShare: number;
  /** Items per order. */
  cartSize: number;
}

export const SEGMENT_ARCHETYPES: readonly SegmentArchetype[] = [
  { kind: 'new', repeatShare: 0.08, cartSize: 1.7 },
  { kind: 'returning', repeatShare: 0.6, cartSize: 2.3 },
  { kind: 'loyal', repeatShare: 0.88, cartSize: 3.1 },
];

/** A small generic retail catalogue: name and average order value. */
export const PRODUCTS: readonly { name: string; aov: number }[] = [
  { name: 'Running Shoes', aov: 89 },
  { name: 'Denim Jeans', aov: 59 },
  { name: 'Cotton T-Shirt', aov: 24 },
  { name: 'Wireless Earbuds', aov: 79 },
  { name: 'Coffee Maker', aov: 119 },
  { name: 'Yoga Mat', aov: 34 },
  { name: 'Travel Backpack', aov: 49 },
  { name: 'Skincare Set', aov: 42 },
  { name: 'Desk Lamp', aov: 38 },
  { name: 'Water Bottle', aov: 22 },
  { name: 'Sunglasses', aov: 65 },
  { name: 'Wool Sweater', aov: 72 },
  { name: 'Scented Candle', aov: 19 },
  { name: 'Kitchen Knife Set', aov: 95 },
  { name: 'Rain Jacket', aov: 110 },
  { name: 'Phone Case', aov: 21 },
  { name: 'Bath Towel Set', aov: 45 },
  { name: 'Board Game', aov: 36 },
  { name: 'Smart Watch', aov: 149 },
  { name: 'Throw Pillow', aov: 28 },
  { name: 'Leather Wallet', aov: 55 },
  { name: 'Blender', aov: 85 },
  { name: 'Hiking Socks', aov: 18 },
  { name: 'Bluetooth Speaker', aov: 69 },
];

export const CAMPAIGN_THEMES: readonly string[] = [
  'Autumn Sale',
  'New Arrivals',
  'Back to School',
  'Weekend Deals',
  'Clearance',
  'Brand Awareness',
  'Free Shipping',
  'Bestsellers',
  'Holiday Preview',
  'Flash Sale',
  'Member Rewards',
  'Gift Guide',
  'Home Refresh',
  'Outdoor Gear',
  'Win-Back',
  'Always On',
];
