"""Service Stories: customer-service stories in, a training site, guides and handouts out."""
