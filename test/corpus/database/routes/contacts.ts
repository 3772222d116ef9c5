import { Router } from 'express';
import { prisma } from '../db/prisma.js';

export const contactsRouter = Router();

contactsRouter.get('/contacts', async (req, res, next) => {
  try {
    const contacts = await prisma.contact.findMany({
      where: { appId: req.appId, subscribed: true },
      select: { id: true, email: true, name: true },
    });
    res.json({ data: contacts.map((c) => ({ ...c, href: `/contacts/${c.id}` })) });
  } catch (error) {
    next(error);
  }
});
