"""Territory data and its overlays: basins, communes, figures, land, jobs, hiring, power, and what agencies import or edit."""
