/**
 * The one rollup change that is not a batch of rows: a campaign moving to another channel or
 * segment carries its whole history with it. Rare, so a trigger keeps it correct on any path.
 */

const MEASURES = ['impressions', 'clicks', 'spend_micros', 'transactions', 'revenue_micros'] as const;
const addExcluded = MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(', ');

/** Moves a campaign's whole history between channel × segment rows when it changes channel or segment. */
const moveCampaign = `
    INSERT INTO channel_segment_day (date, channel, segment, ${MEASURES.join(', ')})
      SELECT date, OLD.channel, OLD.segment, ${MEASURES.map((m) => `-${m}`).join(', ')}
      FROM campaign_day WHERE campaign_id = NEW.campaign_id
      ON CONFLICT (date, channel, segment) DO UPDATE SET ${addExcluded};
    UPDATE campaign_day SET channel = NEW.channel, segment = NEW.segment WHERE campaign_id = NEW.campaign_id;
    INSERT INTO channel_segment_day (date, channel, segment, ${MEASURES.join(', ')})
      SELECT date, NEW.channel, NEW.segment, ${MEASURES.join(', ')}
      FROM campaign_day WHERE campaign_id = NEW.campaign_id
      ON CONFLICT (date, channel, segment) DO UPDATE SET ${addExcluded};`;

export const ROLLUP_TRIGGERS: string[] = [
  `CREATE TRIGGER campaigns_move AFTER UPDATE OF channel, segment ON campaigns
    WHEN OLD.channel <> NEW.channel OR OLD.segment <> NEW.segment BEGIN
    ${moveCampaign}
  END`,
];
