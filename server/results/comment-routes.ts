import { type Redacted, Redaction } from '../../contract/console/comments';
import { audit } from '../audit/log';
import { currentUser } from '../auth/middleware';
import type { Db } from '../db/connect';
import { readJson } from '../http';
import { commentsCsv, listComments, redactComment } from './comments';
import { closedCampaign } from './context';
import { analysts, attachment, CSV, type ResultsApp } from './route-kit';

/** The respondents' comments: read, cleared of what identifies someone, exported. */
export function addCommentRoutes(app: ResultsApp, db: Db) {
  app.get('/:id/comments', analysts, async (c) => {
    const { campaign, definition } = await closedCampaign(db, c.get('campaign'));
    return c.json(await listComments(db, campaign.id, definition));
  });

  app.put('/:id/comments/:commentId', analysts, async (c) => {
    const { campaign } = await closedCampaign(db, c.get('campaign'));
    const { text } = await readJson(c.req.raw, Redaction);
    const commentId = c.req.param('commentId');
    const status = await redactComment(db, campaign.id, commentId, text);
    // The audit says who cleared which comment, never its text.
    await audit(db, {
      user: currentUser(c),
      action: 'comment_redacted',
      campaignId: campaign.id,
      target: commentId,
      details: { status },
      ip: c.get('ip'),
    });
    return c.json({ id: commentId, status } satisfies Redacted);
  });

  app.get('/:id/comments.csv', analysts, async (c) => {
    const { campaign, definition } = await closedCampaign(db, c.get('campaign'));
    const comments = await listComments(db, campaign.id, definition);
    await audit(db, {
      user: currentUser(c),
      action: 'comments_exported',
      campaignId: campaign.id,
      details: {
        cleared: comments.filter((x) => x.status === 'cleared').length,
        pending: comments.filter((x) => x.status === 'pending').length,
      },
      ip: c.get('ip'),
    });
    return c.body(commentsCsv(comments), 200, attachment(`y-kien-${campaign.id}.csv`, CSV));
  });
}
