# %% [markdown]
# # 02 · Annotate (placeholder)
#
# This stage is being built. Until it lands it writes the contract tables it owns with their columns and
# no rows, so the later stages and the report can run.
#
# **Inputs**: the tables of the previous stage in `output_dir/`.
# **Outputs**: `output_dir/tables/` contract tables of this stage.

# %% tags=["parameters"]
input_dir = "../seeds"
output_dir = "../data/seeds"

# %%
from helpers import schemas
from helpers.paths import run_layout

layout = run_layout(output_dir)
for name in ["mentions"]:
    schemas.write_table(schemas.empty_table(name), name, layout["tables"])
print("placeholder stage: no rows written")
