"""Territory data and its overlays: basins, communes, figures, land, jobs, hiring, power,
and the agencies' imports and edits."""
