"""Territory data and its overlays: basins, communes, figures, land, jobs, hiring, power, agencies' imports and edits."""
